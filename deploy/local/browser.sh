#!/usr/bin/env bash
# What the browser tests need, from Debian's packages and npm: nothing downloads a browser build.
#
#   deploy/local/browser.sh install   apt-get install chromium (if missing); npm install axe-core into
#                                     $CACHE/browser (if missing)
#   deploy/local/browser.sh status    print what is installed; exit 0 if both are, 3 if not
#
# The tests drive /usr/bin/chromium with Playwright for Python (its wheel carries its own driver;
# `playwright install` is never run) and inject $CACHE/browser/node_modules/axe-core/axe.min.js.
# Env: DEKAT_CHROMIUM (/usr/bin/chromium), AXE_VERSION (4.14.1).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"   # cd to the repository root; CACHE, log, die, as_root, dispatch
CHROMIUM=${DEKAT_CHROMIUM:-/usr/bin/chromium}
AXE_VERSION=${AXE_VERSION:-4.14.1}
AXE=$CACHE/browser/node_modules/axe-core/axe.min.js

install_chromium() {
  [[ -x $CHROMIUM ]] && return 0
  log "installing chromium from Debian apt ..."
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
  [[ -x $CHROMIUM ]] || die "$CHROMIUM not found after installing chromium"
}

install_axe() {
  [[ -f $AXE ]] && return 0
  apt_install_for npm npm
  log "installing axe-core $AXE_VERSION from npm into $CACHE/browser ..."
  mkdir -p "$CACHE/browser"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/browser" "axe-core@$AXE_VERSION" >/dev/null
  [[ -f $AXE ]] || die "$AXE not found after npm install"
}

cmd_install() {
  install_chromium
  install_axe
  log "ready: $($CHROMIUM --version 2>/dev/null | head -1), axe-core $AXE_VERSION"
}

cmd_status() {
  local rc=0
  if [[ -x $CHROMIUM ]]; then log "chromium: $($CHROMIUM --version 2>/dev/null | head -1)"; else log "chromium: missing"; rc=3; fi
  if [[ -f $AXE ]]; then log "axe-core: $AXE"; else log "axe-core: missing"; rc=3; fi
  return "$rc"
}

dispatch "${1:-}" install status
