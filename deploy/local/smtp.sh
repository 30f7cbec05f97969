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
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; ROOT, CACHE, RUN, PYTHON, log, die, ...
export CACHE
SMTP_PORT=${SMTP_PORT:-8025}
MAILDIR=${SMTP_MAILDIR:-$RUN/mail}
DIR=$RUN/smtp
PIDFILE=$DIR/smtp.pid
LOG=$DIR/smtp.log
MATCH='smtp_sink\.py'   # in its command line

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
  if already_running "$PIDFILE" "$MATCH" "127.0.0.1:$SMTP_PORT, mail in $MAILDIR"; then return 0; fi
  require_python
  mkdir -p "$MAILDIR"
  log "starting on 127.0.0.1:$SMTP_PORT, writing mail to $MAILDIR, log $LOG"
  spawn "$PIDFILE" "$LOG" "$PYTHON" "$ROOT/deploy/local/smtp_sink.py" --host 127.0.0.1 --port "$SMTP_PORT" \
    --maildir "$MAILDIR"
  wait_ready sink 15 "$PIDFILE" "$LOG" answers_220
  log "ready (pid $(cat "$PIDFILE"))"
}

cmd_stop() { stop_pidfile "$PIDFILE" "$MATCH" 10; }

cmd_status() { pidfile_status "$PIDFILE" "$MATCH" "127.0.0.1:$SMTP_PORT, mail in $MAILDIR"; }

dispatch "${1:-}" start stop status
