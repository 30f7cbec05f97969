#!/usr/bin/env bash
# Local SMTP sink (deploy/local/smtp_sink.py): accepts all mail on 127.0.0.1:$SMTP_PORT and
# writes each message as an .eml file into $SMTP_MAILDIR.
#
#   deploy/local/smtp.sh start    start in the background, wait until it answers 220
#   deploy/local/smtp.sh stop     stop it
#   deploy/local/smtp.sh status   print running/stopped; exit 0 if running, 3 if not
#
# Env: DEKAT_RUN (default .run), SMTP_PORT (8025), SMTP_MAILDIR ($RUN/mail),
#      DEKAT_PYTHON (.venv/bin/python). Pid and log: $RUN/smtp/smtp.pid, $RUN/smtp/smtp.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CACHE=${DEKAT_CACHE:-$ROOT/.cache}
RUN=${DEKAT_RUN:-$ROOT/.run}
case $RUN in /*) ;; *) RUN=$ROOT/$RUN ;; esac
export CACHE
PYTHON=${DEKAT_PYTHON:-$ROOT/.venv/bin/python}
SMTP_PORT=${SMTP_PORT:-8025}
MAILDIR=${SMTP_MAILDIR:-$RUN/mail}
DIR=$RUN/smtp
PIDFILE=$DIR/smtp.pid
LOG=$DIR/smtp.log

log() { echo "[smtp] $*"; }
die() { echo "[smtp] ERROR: $*" >&2; exit 1; }

running_pid() {
  local pid
  [[ -f $PIDFILE ]] || return 1
  pid=$(cat "$PIDFILE")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q 'smtp_sink\.py' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# True when 127.0.0.1:$SMTP_PORT accepts a connection and greets with 220.
answers_220() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT" || exit 1
    line=""
    read -r -t 2 line <&3 || true
    printf 'QUIT\r\n' >&3 || true
    [[ $line == 220* ]]
  ) 2>/dev/null
}

cmd_start() {
  local pid
  if pid=$(running_pid); then
    log "already running (pid $pid, 127.0.0.1:$SMTP_PORT, mail in $MAILDIR)"
    return 0
  fi
  [[ -x $PYTHON ]] || die "$PYTHON not found (run 'uv sync' first)"
  mkdir -p "$DIR" "$MAILDIR"
  log "starting on 127.0.0.1:$SMTP_PORT, writing mail to $MAILDIR, log $LOG"
  setsid nohup "$PYTHON" "$ROOT/deploy/local/smtp_sink.py" --host 127.0.0.1 --port "$SMTP_PORT" \
    --maildir "$MAILDIR" >>"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + 15))
  until answers_220; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      die "sink exited during startup (see $LOG)"
    fi
    ((SECONDS < deadline)) || die "no 220 greeting on port $SMTP_PORT after 15 s (see $LOG)"
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
    log "running (pid $pid, 127.0.0.1:$SMTP_PORT, mail in $MAILDIR)"
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
