#!/usr/bin/env bash
# Installs the Debian packages the VS Code and Emacs suites need (needs root; CI runs as root).
# Skips apt entirely when they are all present, so a warm machine pays nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

absent() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
# shellcheck disable=SC2086
vscode=$(absent $VSCODE_APT_PACKAGES) emacs=$(absent $EMACS_APT_PACKAGES)
if [ -z "$vscode$emacs" ]; then
  log "apt: all present"
  exit 0
fi
t0="$(now)"
log "apt: installing $vscode $emacs"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
[ -z "$vscode" ] || apt-get install -y -qq $vscode >/dev/null
# Emacs's recommends (mail tools, fonts) are not needed in --batch.
# shellcheck disable=SC2086
[ -z "$emacs" ] || apt-get install -y -qq --no-install-recommends $emacs >/dev/null
log "apt: installed in $(elapsed "$t0") s"
