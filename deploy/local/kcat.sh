#!/usr/bin/env bash
# kcat (Debian's package) with a librdkafka that can authenticate to Kafka 4: run it as kcat itself.
#
#   bash deploy/local/kcat.sh -b 127.0.0.1:9092 -X security.protocol=SASL_SSL ... -C -t TOPIC -e
#
# Debian 12's kcat links librdkafka 2.0.2, whose SASL/SCRAM fails against Kafka 4.x brokers ("invalid
# credentials", fixed in librdkafka 2.6.1). The confluent-kafka wheel in .venv ships a current
# librdkafka (same soname), so kcat runs with that one instead. Installs kcat if it is missing.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; ROOT, CACHE, PYTHON, log, die, as_root
cd - >/dev/null              # kcat's own relative paths (-X ssl.ca.location=...) are the caller's

if ! command -v kcat >/dev/null; then
  log "installing kcat from Debian apt ..." >&2
  as_root apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q kcat >/dev/null || die "apt-get install kcat failed"
fi
libs=("$ROOT"/.venv/lib/python3.*/site-packages/confluent_kafka.libs/librdkafka-*.so.1)
[[ -f ${libs[0]} ]] || die "no librdkafka in .venv (run 'make install')"
mkdir -p "$CACHE/kcat"
ln -sf "${libs[0]}" "$CACHE/kcat/librdkafka.so.1"
LD_LIBRARY_PATH=$CACHE/kcat exec kcat "$@"
