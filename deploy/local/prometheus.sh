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
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUN=${DEKAT_RUN:-$ROOT/.run}
case $RUN in /*) ;; *) RUN=$ROOT/$RUN ;; esac
PROMETHEUS=/usr/bin/prometheus
PORT=${PROMETHEUS_PORT:-9090}
READY_TIMEOUT=${PROMETHEUS_READY_TIMEOUT:-30}
CONFIG=$ROOT/deploy/prometheus/prometheus.local.yml
DIR=$RUN/prometheus
PIDFILE=$DIR/prometheus.pid
LOG=$DIR/prometheus.log

log() { echo "[prometheus] $*"; }
die() { echo "[prometheus] ERROR: $*" >&2; exit 1; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo -- "$@"; fi; }

running_pid() {
  local pid
  [[ -f $PIDFILE ]] || return 1
  pid=$(cat "$PIDFILE")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q 'prometheus\.local\.yml' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# True when 127.0.0.1:$PORT answers GET /-/ready with 200.
answers_ready() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
    printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    line=""
    read -r -t 2 line <&3 || true
    [[ $line == HTTP/1.?" 200"* ]]
  ) 2>/dev/null
}

# Stop Debian's prometheus service if it runs: systemd may be absent, so also look for its
# process (/usr/bin/prometheus run by the package's user, not from a prometheus.local.yml).
stop_system_prometheus() {
  if [[ -d /run/systemd/system ]] && systemctl is-active --quiet prometheus 2>/dev/null; then
    log "stopping and disabling the system prometheus service (systemd)"
    as_root systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
  local pid
  for pid in $(pgrep -u prometheus -f '^/usr/bin/prometheus( |$)' 2>/dev/null || true); do
    grep -q 'prometheus\.local\.yml' "/proc/$pid/cmdline" 2>/dev/null && continue
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
  local pid
  if pid=$(running_pid); then
    log "already running (pid $pid, 127.0.0.1:$PORT)"
    return 0
  fi
  [[ -x $PROMETHEUS ]] || die "$PROMETHEUS not found: run '$0 install' first"
  stop_system_prometheus
  if answers_ready; then die "something else already answers on 127.0.0.1:$PORT (set PROMETHEUS_PORT)"; fi
  mkdir -p "$DIR/data"
  log "starting on 127.0.0.1:$PORT with $CONFIG, log $LOG"
  # setsid: own session, so it survives the calling shell; nohup: ignore SIGHUP.
  setsid nohup "$PROMETHEUS" --config.file="$CONFIG" --storage.tsdb.path="$DIR/data" \
    --web.listen-address="127.0.0.1:$PORT" >>"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until answers_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      die "prometheus exited during startup (see $LOG)"
    fi
    ((SECONDS < deadline)) || die "/-/ready not answering after ${READY_TIMEOUT}s (see $LOG)"
    sleep 0.3
  done
  log "ready (pid $pid) on http://127.0.0.1:$PORT"
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
  for _ in $(seq 1 100); do   # it flushes the head block first: a few seconds at most
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
    log "running (pid $pid, 127.0.0.1:$PORT)"
  else
    log "stopped"
    return 3
  fi
}

cmd_check() {
  command -v promtool >/dev/null || die "promtool not found: run '$0 install' first"
  promtool check config deploy/prometheus/prometheus.local.yml
  promtool check config deploy/prometheus/prometheus.yml
  promtool check rules deploy/prometheus/rules.yml
  promtool test rules deploy/prometheus/rules.test.yml
  log "config, rules and rule tests pass"
}

case ${1:-} in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  check) cmd_check ;;
  *) echo "usage: $0 install|start|stop|status|check" >&2; exit 2 ;;
esac
