#!/usr/bin/env bash
# Installs the Debian packages the VS Code and Emacs suites need (needs root and apt;
# CI runs as root). Skips apt entirely when they are all present, so a warm machine
# pays nothing. Without apt or root it says what is missing: under CI that fails,
# elsewhere the suites that need the packages skip.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# shellcheck disable=SC2086
vscode=$(absent_debs $VSCODE_APT_PACKAGES) emacs=$(absent_debs $EMACS_APT_PACKAGES)
if [ -z "$vscode$emacs" ]; then
  log "apt: all present"
  exit 0
fi
missing_list="$(echo $vscode $emacs)"
cannot=""
command -v apt-get >/dev/null && command -v dpkg-query >/dev/null || cannot="this system has no apt-get (Debian or Ubuntu)"
[ -n "$cannot" ] || [ "$(id -u)" = 0 ] || cannot="installing Debian packages needs root (run: sudo bash tests/editors/setup-apt.sh)"
if [ -n "$cannot" ]; then
  log "apt: cannot install $missing_list: $cannot"
  if is_ci; then exit 1; fi
  log "apt: the VS Code and Emacs suites will skip (TRUTHLENS_SKIP_EDITORS=1 skips all editors)"
  exit 0
fi
t0="$(now)"
log "apt: installing $missing_list"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
[ -z "$vscode" ] || apt-get install -y -qq $vscode >/dev/null
# Emacs's recommends (mail tools, fonts) are not needed in --batch.
# shellcheck disable=SC2086
[ -z "$emacs" ] || apt-get install -y -qq --no-install-recommends $emacs >/dev/null
log "apt: installed in $(elapsed "$t0") s"
