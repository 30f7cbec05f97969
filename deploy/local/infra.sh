#!/usr/bin/env bash
# Local infrastructure for Dekat without Docker: PostgreSQL, Kafka (KRaft), SMTP sink.
#
#   deploy/local/infra.sh up       install (if needed) and start postgres, kafka, smtp — in that order
#   deploy/local/infra.sh down     stop smtp, kafka, postgres
#   deploy/local/infra.sh status   status of all three; exit 0 only if all are running, else 3
#
# Env is passed through to the per-service scripts (DEKAT_CACHE, DEKAT_RUN, PGPORT, KAFKA_PORT,
# SMTP_PORT, ...); see the header of each script.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; log, dispatch
HERE=deploy/local

cmd_up() {
  local t0=$SECONDS
  bash "$HERE/postgres.sh" install
  bash "$HERE/postgres.sh" start
  bash "$HERE/kafka.sh" install
  bash "$HERE/kafka.sh" start
  bash "$HERE/smtp.sh" start
  bash "$HERE/prometheus.sh" install
  log "up in $((SECONDS - t0)) s"
}

cmd_down() {
  bash "$HERE/smtp.sh" stop
  bash "$HERE/kafka.sh" stop
  bash "$HERE/postgres.sh" stop
  log "down"
}

cmd_status() {
  local rc=0
  bash "$HERE/postgres.sh" status || rc=3
  bash "$HERE/kafka.sh" status || rc=3
  bash "$HERE/smtp.sh" status || rc=3
  return "$rc"
}

dispatch "${1:-}" up down status
