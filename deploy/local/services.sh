#!/usr/bin/env bash
# The three Dekat services as local processes (python -m intake|routing|notify).
#
#   deploy/local/services.sh start    start each one not yet running, wait until /health/ready answers 200
#   deploy/local/services.sh stop     stop them
#   deploy/local/services.sh status   print running/stopped and readiness; exit 0 only if all are ready
#
# Env: DEKAT_RUN (default .run), DEKAT_PYTHON (.venv/bin/python), SERVICES_READY_TIMEOUT (60); the
#      services' own settings pass through, e.g. DEKAT_ADMIN_API_KEY (routing, dekat-admin-demo) and
#      DEKAT_OPERATOR_API_KEY (notify's log /v1/notifications, dekat-operator-demo).
# Logs (JSON lines): $RUN/services/<name>.log; pids: $RUN/services/<name>.pid.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; ROOT, RUN, PYTHON, log, die, ...
DIR=$RUN/services
TIMEOUT=${SERVICES_READY_TIMEOUT:-60}
declare -A PORT=([intake]=8001 [routing]=8002 [notify]=8003)
# The local stack takes `make bench` and the demo from loopback without rate limits (set it to "" to try them).
export DEKAT_RATE_LIMIT_EXEMPT=${DEKAT_RATE_LIMIT_EXEMPT-127.0.0.0/8}
# Someone trying the demo sees what they just did on the public pages within seconds, not the
# minute a production intake gathers a burst of events over (DEKAT_PUBLIC_REFRESH_SECONDS, 60).
export DEKAT_PUBLIC_REFRESH_SECONDS=${DEKAT_PUBLIC_REFRESH_SECONDS-5}
NAMES=(intake routing notify)

# True when service $1 answers /health/ready with 200.
ready() { http_ok "${PORT[$1]}" /health/ready; }

cmd_start() {
  local n
  for n in "${NAMES[@]}"; do
    if running_pid "$DIR/$n.pid" "-m $n " >/dev/null; then
      log "$n already running"
    else
      spawn "$DIR/$n.pid" "$DIR/$n.log" "$PYTHON" -m "$n"
    fi
  done
  for n in "${NAMES[@]}"; do
    wait_ready "$n" "$TIMEOUT" "$DIR/$n.pid" "$DIR/$n.log" ready "$n"
    log "$n ready on http://127.0.0.1:${PORT[$n]}"
  done
}

cmd_stop() {
  local n
  for n in "${NAMES[@]}"; do stop_pidfile "$DIR/$n.pid" "-m $n " 20 "$n"; done
}

cmd_status() {
  local n rc=0
  for n in "${NAMES[@]}"; do
    if ready "$n"; then log "$n ready (http://127.0.0.1:${PORT[$n]})"; else log "$n not ready"; rc=3; fi
  done
  return "$rc"
}

dispatch "${1:-}" start stop status
