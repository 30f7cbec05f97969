#!/usr/bin/env bash
# Local fake SMS/WhatsApp provider (deploy/local/fake_provider.py) on 127.0.0.1:$PROVIDER_PORT:
# accepts messages once per idempotency key and posts signed delivery receipts back to notify.
#
#   deploy/local/provider.sh start    start in the background, wait until /health answers
#   deploy/local/provider.sh stop     stop it
#   deploy/local/provider.sh status   print running/stopped; exit 0 if running, 3 if not
#
# Env: DEKAT_RUN (default .run), PROVIDER_PORT (8004), DEKAT_NOTIFY_URL (http://127.0.0.1:8003),
#      DEKAT_CALLBACK_SECRET (dev-callback-secret, as notify's default), DEKAT_PYTHON (.venv/bin/python).
# Pid and log: $RUN/provider/provider.pid, $RUN/provider/provider.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUN=${DEKAT_RUN:-$ROOT/.run}
case $RUN in /*) ;; *) RUN=$ROOT/$RUN ;; esac
PYTHON=${DEKAT_PYTHON:-$ROOT/.venv/bin/python}
PROVIDER_PORT=${PROVIDER_PORT:-8004}
DIR=$RUN/provider
PIDFILE=$DIR/provider.pid
LOG=$DIR/provider.log

log() { echo "[provider] $*"; }
die() { echo "[provider] ERROR: $*" >&2; exit 1; }

running_pid() {
  local pid
  [[ -f $PIDFILE ]] || return 1
  pid=$(cat "$PIDFILE")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q 'fake_provider\.py' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

answers() {
  "$PYTHON" -c "import sys, urllib.request as u; sys.exit(0 if u.urlopen('http://127.0.0.1:$PROVIDER_PORT/health', timeout=2).status == 200 else 1)" 2>/dev/null
}

cmd_start() {
  local pid
  if pid=$(running_pid); then
    log "already running (pid $pid, http://127.0.0.1:$PROVIDER_PORT)"
    return 0
  fi
  [[ -x $PYTHON ]] || die "$PYTHON not found (run 'uv sync' first)"
  mkdir -p "$DIR"
  log "starting on http://127.0.0.1:$PROVIDER_PORT, log $LOG"
  setsid nohup "$PYTHON" "$ROOT/deploy/local/fake_provider.py" --host 127.0.0.1 --port "$PROVIDER_PORT" \
    >>"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + 15))
  until answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      die "provider exited during startup (see $LOG)"
    fi
    ((SECONDS < deadline)) || die "no answer on port $PROVIDER_PORT after 15 s (see $LOG)"
    sleep 0.2
  done
  log "ready (pid $pid)"
}

cmd_stop() {
  local pid
  if ! pid=$(running_pid); then
    log "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; log "stopped"; return 0; }
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  log "killed"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    log "running (pid $pid, http://127.0.0.1:$PROVIDER_PORT)"
  else
    log "stopped"
    return 3
  fi
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
