#!/usr/bin/env bash
# Installs the Debian packages the VS Code suite needs (needs root; CI runs as root).
# Skips apt entirely when they are all present, so a warm machine pays nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing_pkgs=()
for p in $VSCODE_APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing_pkgs+=("$p")
done
if [ ${#missing_pkgs[@]} -eq 0 ]; then
  log "apt: all present"
  exit 0
fi
t0="$(now)"
log "apt: installing ${missing_pkgs[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null
log "apt: installed in $(elapsed "$t0") s"
