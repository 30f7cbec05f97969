# shellcheck shell=bash
# Shared by the deploy/local/*.sh scripts; sourced, never run: . "$(dirname "$0")/lib.sh"
# The caller keeps `set -euo pipefail` itself. Sourcing this file cds to the repository root and sets
#   NAME    the log prefix, from the script's file name (kafka.sh -> [kafka])
#   ROOT    the repository root (absolute; also the working directory from here on)
#   CACHE   DEKAT_CACHE or $ROOT/.cache, made absolute (mvn resolves relative paths against the pom)
#   RUN     DEKAT_RUN or $ROOT/.run, made absolute (pid files, logs, data)
#   PYTHON  DEKAT_PYTHON or $ROOT/.venv/bin/python

NAME=$(basename "$0" .sh)
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
CACHE=${DEKAT_CACHE:-$ROOT/.cache}
RUN=${DEKAT_RUN:-$ROOT/.run}
case $CACHE in /*) ;; *) CACHE=$ROOT/$CACHE ;; esac
case $RUN in /*) ;; *) RUN=$ROOT/$RUN ;; esac
PYTHON=${DEKAT_PYTHON:-$ROOT/.venv/bin/python}

# Print "[name] message" on stdout.
log() { echo "[$NAME] $*"; }

# Print "[name] ERROR: message" on stderr and exit 1.
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }

# Run a command as root: directly when root already, else through sudo.
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo -- "$@"; fi; }

# Install Debian PACKAGE unless COMMAND is on the PATH (a fresh machine has neither).
apt_install_for() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return 0
  log "installing $package from Debian apt ..."
  as_root apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "$package" >/dev/null \
    || die "apt-get install $package failed"
}

# Die unless $PYTHON (the workspace's interpreter) exists.
require_python() { [[ -x $PYTHON ]] || die "$PYTHON not found (run 'uv sync' first)"; }

# True when process PID's command line (NUL-separated in /proc, read as spaces) matches grep PATTERN.
cmdline_matches() {
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  grep -q -- "$2" <<<"$cmdline"
}

# Print the pid in PIDFILE if that process is alive and its command line matches PATTERN; else return 1.
running_pid() {
  local pidfile=$1 pattern=$2 pid
  [[ -f $pidfile ]] || return 1
  pid=$(cat "$pidfile")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && cmdline_matches "$pid" "$pattern" || return 1
  echo "$pid"
}

# If PIDFILE names a live process matching PATTERN, log "already running (pid N, DETAIL)" and return 0.
already_running() {
  local pid
  pid=$(running_pid "$1" "$2") || return 1
  log "already running (pid $pid, $3)"
}

# Start a command (the arguments after PIDFILE LOGFILE) detached, appending its output to LOGFILE;
# setsid: own session, so it survives the calling shell; nohup: ignore SIGHUP. Writes its pid to PIDFILE.
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# Poll CHECK (the arguments after WHAT SECONDS PIDFILE LOGFILE) every 0.2 s until it succeeds. Die with
# the tail of LOGFILE if the process in PIDFILE exits (PIDFILE "" = no process to watch) or after SECONDS.
wait_ready() {
  local what=$1 secs=$2 pidfile=$3 logfile=$4 pid=""
  shift 4
  [[ -z $pidfile ]] || pid=$(cat "$pidfile" 2>/dev/null) || true
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if [[ -n $pidfile ]] && ! { [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }; then
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      rm -f "$pidfile"
      die "$what exited during startup (see $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      die "$what not ready after ${secs}s (see $logfile)"
    fi
    sleep 0.2
  done
}

# True when GET http://127.0.0.1:PORT/PATH answers with status 200 within 2 s (bash /dev/tcp, no curl).
http_ok() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    line=""
    read -r -t 2 line <&3 || true
    [[ $line == HTTP/1.?" 200"* ]]
  ) 2>/dev/null
}

# Stop the process in PIDFILE if it matches PATTERN: TERM, wait up to SECONDS, then KILL; remove PIDFILE.
# Messages are prefixed with LABEL when given (services.sh: one pid file per service).
stop_pidfile() {
  local pidfile=$1 pattern=$2 secs=$3 label=${4:+$4 } pid
  if ! pid=$(running_pid "$pidfile" "$pattern"); then
    rm -f "$pidfile"
    log "${label}not running"
    return 0
  fi
  log "${label}stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + secs))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "${label}still alive after $secs s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      log "${label}killed"
      return 0
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  log "${label}stopped"
}

# Log "running (pid N, DETAIL)" and return 0 if PIDFILE names a live process matching PATTERN,
# else log "stopped" and return 3.
pidfile_status() {
  local pid
  if pid=$(running_pid "$1" "$2"); then
    log "running (pid $pid, $3)"
  else
    log "stopped"
    return 3
  fi
}

# Run cmd_SUBCOMMAND when SUBCOMMAND (the first argument) is one of the others, else print usage, exit 2.
dispatch() {
  local sub=${1:-} c
  shift
  for c in "$@"; do
    if [[ $sub == "$c" ]]; then
      "cmd_$c"
      return
    fi
  done
  local IFS='|'
  echo "usage: $0 $*" >&2
  exit 2
}
