#!/usr/bin/env bash
# The three Dekat services as local processes (python -m intake|routing|notify).
#
#   deploy/local/services.sh start    start each one not yet running, wait until /health/ready answers 200
#   deploy/local/services.sh stop     stop them
#   deploy/local/services.sh status   print running/stopped and readiness; exit 0 only if all are ready
#
# Env: DEKAT_RUN (default .run), DEKAT_PYTHON (.venv/bin/python), SERVICES_READY_TIMEOUT (60).
# Logs (JSON lines): $RUN/services/<name>.log; pids: $RUN/services/<name>.pid.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUN=${DEKAT_RUN:-$ROOT/.run}
case $RUN in /*) ;; *) RUN=$ROOT/$RUN ;; esac
PYTHON=${DEKAT_PYTHON:-$ROOT/.venv/bin/python}
DIR=$RUN/services
TIMEOUT=${SERVICES_READY_TIMEOUT:-60}
declare -A PORT=([intake]=8001 [routing]=8002 [notify]=8003)
NAMES=(intake routing notify)

log() { echo "[services] $*"; }

running_pid() {
  local pid
  [[ -f $DIR/$1.pid ]] || return 1
  pid=$(cat "$DIR/$1.pid")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && tr "\0" " " <"/proc/$pid/cmdline" | grep -q -- "-m $1 " || return 1
  echo "$pid"
}

ready() { "$PYTHON" -c "import sys, urllib.request as u; sys.exit(0 if u.urlopen('http://127.0.0.1:${PORT[$1]}/health/ready', timeout=2).status == 200 else 1)" 2>/dev/null; }

start_one() {
  if running_pid "$1" >/dev/null; then log "$1 already running"; return; fi
  mkdir -p "$DIR"
  setsid nohup "$PYTHON" -m "$1" >>"$DIR/$1.log" 2>&1 </dev/null &
  echo $! >"$DIR/$1.pid"
}

wait_ready() {
  local deadline=$((SECONDS + TIMEOUT))
  until ready "$1"; do
    running_pid "$1" >/dev/null || { tail -n 20 "$DIR/$1.log" >&2; log "$1 died"; exit 1; }
    ((SECONDS < deadline)) || { tail -n 20 "$DIR/$1.log" >&2; log "$1 not ready after ${TIMEOUT}s"; exit 1; }
    sleep 0.3
  done
  log "$1 ready on http://127.0.0.1:${PORT[$1]}"
}

stop_one() {
  local pid
  pid=$(running_pid "$1") || { log "$1 stopped"; return; }
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$DIR/$1.pid"
  log "$1 stopped"
}

case ${1:-} in
  start) for n in "${NAMES[@]}"; do start_one "$n"; done; for n in "${NAMES[@]}"; do wait_ready "$n"; done ;;
  stop) for n in "${NAMES[@]}"; do stop_one "$n"; done ;;
  status)
    rc=0
    for n in "${NAMES[@]}"; do
      if ready "$n"; then log "$n ready (http://127.0.0.1:${PORT[$n]})"; else log "$n not ready"; rc=3; fi
    done
    exit "$rc" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
