#!/usr/bin/env bash
# PostgreSQL from Debian packages (no Docker), one cluster "main" on 127.0.0.1:$PGPORT.
#
#   deploy/local/postgres.sh install   apt-get install postgresql if missing; create cluster "main" if missing
#   deploy/local/postgres.sh start     start the cluster, wait for pg_isready, create roles and databases
#   deploy/local/postgres.sh stop      stop the cluster
#   deploy/local/postgres.sh restart   restart it (fast: open connections are cut, as in a crash or failover)
#   deploy/local/postgres.sh status    print running/stopped; exit 0 if running, 3 if not
#
# Roles/databases (password = role name): intake, routing, notify — each owns its database and
# only it (and dekat_test) may connect. dekat_test/dekat_test has CREATEDB for throwaway test DBs.
# Env: PGPORT (5432), PG_CLUSTER (main), PG_VERSION (default: newest installed).
# A second cluster beside the shared one (the fault suite's): PG_CLUSTER=faults18075 PGPORT=18075, then
# install, start, restart and stop act on that cluster only.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; ROOT, CACHE, RUN, log, die, as_root, ...
PGPORT=${PGPORT:-5432}
CLUSTER=${PG_CLUSTER:-main}
SERVICES=(intake routing notify)
export CACHE RUN

# Newest installed server major version (empty if none). Must not fail: used as ver=$(pg_version).
pg_version() {
  if [[ -n ${PG_VERSION:-} ]]; then echo "$PG_VERSION"; return 0; fi
  local bin v best=0
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    v=${bin#/usr/lib/postgresql/}
    v=${v%%/*}
    if [[ -x $bin && $v =~ ^[0-9]+$ ]] && ((v > best)); then best=$v; fi
  done
  if ((best > 0)); then echo "$best"; fi
  return 0
}

as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres -- "$@"; fi
}

cluster_exists() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$CLUSTER" '$1==v && $2==c {f=1} END {exit !f}'; }
cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$CLUSTER" '$1==v && $2==c && $4 ~ /^online/ {f=1} END {exit !f}'; }

cmd_install() {
  local ver
  ver=$(pg_version)
  if ! command -v pg_ctlcluster >/dev/null || [[ -z $ver || ! -x /usr/lib/postgresql/$ver/bin/postgres ]]; then
    log "installing postgresql from Debian apt ..."
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql
    ver=$(pg_version)
  fi
  [[ -n $ver ]] || die "no PostgreSQL server found under /usr/lib/postgresql"
  if ! cluster_exists "$ver"; then
    log "creating cluster $ver/$CLUSTER on port $PGPORT"
    as_root pg_createcluster "$ver" "$CLUSTER" -p "$PGPORT" >/dev/null
  fi
  # Loopback only, on the chosen port (takes effect at the next start). The port goes into
  # postgresql.conf because pg_lsclusters/pg_ctlcluster read it from there.
  as_root pg_conftool -s "$ver" "$CLUSTER" set port "$PGPORT"
  # Loopback only, so TLS would cost CPU on every query and protect nothing.
  printf "listen_addresses = '127.0.0.1'  # written by deploy/local/postgres.sh\nssl = off\n" \
    | as_root tee "/etc/postgresql/$ver/$CLUSTER/conf.d/dekat-local.conf" >/dev/null
  if cluster_online "$ver"; then as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER" reload; fi
  log "PostgreSQL $ver, cluster $CLUSTER installed"
}

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres; }

provision() {
  local sql="" r
  for r in "${SERVICES[@]}" dekat_test; do
    sql+="DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$r') THEN CREATE ROLE $r; END IF; END \$\$;
ALTER ROLE $r LOGIN PASSWORD '$r';
"
  done
  sql+="ALTER ROLE dekat_test CREATEDB;
"
  for r in "${SERVICES[@]}"; do
    sql+="SELECT 'CREATE DATABASE $r OWNER $r' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$r') \\gexec
ALTER DATABASE $r OWNER TO $r;
REVOKE CONNECT, TEMPORARY ON DATABASE $r FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $r TO $r;
GRANT CONNECT ON DATABASE $r TO dekat_test;
"
  done
  psql_admin <<<"$sql"
  log "roles and databases ready: ${SERVICES[*]} (+ dekat_test with CREATEDB)"
}

cmd_start() {
  local ver
  ver=$(pg_version)
  if [[ -z $ver ]] || ! cluster_exists "$ver"; then die "no cluster: run '$0 install' first"; fi
  if cluster_online "$ver"; then
    log "already running ($ver/$CLUSTER, 127.0.0.1:$PGPORT)"
  else
    log "starting $ver/$CLUSTER on 127.0.0.1:$PGPORT"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER" start
  fi
  wait_ready "$ver/$CLUSTER" 30 "" "/var/log/postgresql/postgresql-$ver-$CLUSTER.log" \
    pg_isready -q -h 127.0.0.1 -p "$PGPORT"
  provision
}

cmd_stop() {
  local ver
  ver=$(pg_version)
  if [[ -n $ver ]] && cluster_online "$ver"; then
    log "stopping $ver/$CLUSTER"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER" stop
    log "stopped"
  else
    log "not running"
  fi
}

cmd_restart() {
  local ver
  ver=$(pg_version)
  if [[ -z $ver ]] || ! cluster_online "$ver"; then die "$CLUSTER is not running"; fi
  log "restarting $ver/$CLUSTER"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER" restart -m fast
  wait_ready "$ver/$CLUSTER" 30 "" "/var/log/postgresql/postgresql-$ver-$CLUSTER.log" \
    pg_isready -q -h 127.0.0.1 -p "$PGPORT"
  log "restarted"
}

cmd_status() {
  local ver
  ver=$(pg_version)
  if [[ -n $ver ]] && cluster_online "$ver"; then
    log "running ($ver/$CLUSTER, 127.0.0.1:$PGPORT)"
  else
    log "stopped"
    return 3
  fi
}

dispatch "${1:-}" install start stop restart status
