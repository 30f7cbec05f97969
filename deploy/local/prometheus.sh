#!/usr/bin/env bash
# Prometheus from Debian's package (no Docker), scraping the three services on 127.0.0.1 with
# deploy/prometheus/prometheus.local.yml and alerting with deploy/prometheus/rules.yml.
#
#   deploy/local/prometheus.sh install   apt-get install prometheus (it brings promtool) if missing
#   deploy/local/prometheus.sh start     start it in the background on 127.0.0.1:$PROMETHEUS_PORT, wait for /-/ready
#   deploy/local/prometheus.sh stop      stop it
#   deploy/local/prometheus.sh status    print running/stopped; exit 0 if running, 3 if not
#   deploy/local/prometheus.sh check     promtool: both configs, the rules, and the rules' unit tests
#
# The package's own service (systemd unit or init script, /etc/prometheus, user prometheus) is
# never used; if the install started it, it is stopped so that port 9090 is ours.
# Env: DEKAT_RUN (default .run), PROMETHEUS_PORT (9090), PROMETHEUS_READY_TIMEOUT (30 s).
# Pid, log and data: $RUN/prometheus/prometheus.pid, $RUN/prometheus/prometheus.log, $RUN/prometheus/data.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; ROOT, RUN, log, die, as_root, ...
PROMETHEUS=/usr/bin/prometheus
PORT=${PROMETHEUS_PORT:-9090}
READY_TIMEOUT=${PROMETHEUS_READY_TIMEOUT:-30}
CONFIG=$ROOT/deploy/prometheus/prometheus.local.yml
DIR=$RUN/prometheus
PIDFILE=$DIR/prometheus.pid
LOG=$DIR/prometheus.log
MATCH='prometheus\.local\.yml'   # in our instance's command line, never in the system service's

# Stop Debian's prometheus service if it runs: systemd may be absent, so also look for its
# process (/usr/bin/prometheus run by the package's user, not from a prometheus.local.yml).
stop_system_prometheus() {
  if [[ -d /run/systemd/system ]] && systemctl is-active --quiet prometheus 2>/dev/null; then
    log "stopping and disabling the system prometheus service (systemd)"
    as_root systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
  local pid
  for pid in $(pgrep -u prometheus -f '^/usr/bin/prometheus( |$)' 2>/dev/null || true); do
    cmdline_matches "$pid" "$MATCH" && continue
    log "stopping the system prometheus (pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null))"
    as_root kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
}

cmd_install() {
  if [[ -x $PROMETHEUS ]] && command -v promtool >/dev/null; then
    log "installed ($("$PROMETHEUS" --version 2>&1 | head -n1))"
  else
    log "installing prometheus from Debian apt ..."
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends prometheus
    log "installed ($("$PROMETHEUS" --version 2>&1 | head -n1))"
  fi
  stop_system_prometheus
}

cmd_start() {
  if already_running "$PIDFILE" "$MATCH" "127.0.0.1:$PORT"; then return 0; fi
  [[ -x $PROMETHEUS ]] || die "$PROMETHEUS not found: run '$0 install' first"
  stop_system_prometheus
  if http_ok "$PORT" /-/ready; then die "something else already answers on 127.0.0.1:$PORT (set PROMETHEUS_PORT)"; fi
  mkdir -p "$DIR/data"
  log "starting on 127.0.0.1:$PORT with $CONFIG, log $LOG"
  spawn "$PIDFILE" "$LOG" "$PROMETHEUS" --config.file="$CONFIG" --storage.tsdb.path="$DIR/data" \
    --web.listen-address="127.0.0.1:$PORT"
  wait_ready prometheus "$READY_TIMEOUT" "$PIDFILE" "$LOG" http_ok "$PORT" /-/ready
  log "ready (pid $(cat "$PIDFILE")) on http://127.0.0.1:$PORT"
}

# It flushes the head block first: a few seconds at most.
cmd_stop() { stop_pidfile "$PIDFILE" "$MATCH" 20; }

cmd_status() { pidfile_status "$PIDFILE" "$MATCH" "127.0.0.1:$PORT"; }

cmd_check() {
  command -v promtool >/dev/null || die "promtool not found: run '$0 install' first"
  promtool check config deploy/prometheus/prometheus.local.yml
  promtool check config deploy/prometheus/prometheus.yml
  promtool check rules deploy/prometheus/rules.yml
  promtool test rules deploy/prometheus/rules.test.yml
  log "config, rules and rule tests pass"
}

dispatch "${1:-}" install start stop status check
