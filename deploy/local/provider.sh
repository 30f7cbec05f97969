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
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; ROOT, RUN, PYTHON, log, die, ...
PROVIDER_PORT=${PROVIDER_PORT:-8004}
DIR=$RUN/provider
PIDFILE=$DIR/provider.pid
LOG=$DIR/provider.log
MATCH='fake_provider\.py'   # in its command line

cmd_start() {
  if already_running "$PIDFILE" "$MATCH" "http://127.0.0.1:$PROVIDER_PORT"; then return 0; fi
  require_python
  log "starting on http://127.0.0.1:$PROVIDER_PORT, log $LOG"
  spawn "$PIDFILE" "$LOG" "$PYTHON" "$ROOT/deploy/local/fake_provider.py" --host 127.0.0.1 --port "$PROVIDER_PORT"
  wait_ready provider 15 "$PIDFILE" "$LOG" http_ok "$PROVIDER_PORT" /health
  log "ready (pid $(cat "$PIDFILE"))"
}

cmd_stop() { stop_pidfile "$PIDFILE" "$MATCH" 10; }

cmd_status() { pidfile_status "$PIDFILE" "$MATCH" "http://127.0.0.1:$PROVIDER_PORT"; }

dispatch "${1:-}" start stop status
