#!/usr/bin/env bash
# Builds the bundle and packages the extension, offline, without prompts.
# Usage: scripts/package.sh [--server PATH] [--out FILE]
#   --server PATH  ship this truthlens binary, stripped, as server/truthlens (the vsix
#                  is then specific to its platform); without it no binary is shipped.
#   --out FILE     where to write the vsix (default truthlens-VERSION.vsix in
#                  editors/vscode).
# Paths are taken from where the script is called, as a user types them.
set -euo pipefail
server="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--server PATH] [--out FILE]" >&2; exit 2 ;;
  esac
done
# Absolute before the cd below, so that relative paths mean what the caller meant.
if [ -n "$server" ]; then
  [ -f "$server" ] || { echo "package.sh: no server binary at $server" >&2; exit 2; }
  server="$(cd "$(dirname "$server")" && pwd)/$(basename "$server")"
fi
[ -z "$out" ] || out="$(mkdir -p "$(dirname "$out")" && cd "$(dirname "$out")" && pwd)/$(basename "$out")"
cd "$(dirname "$0")/.."
# npm ci only when the lock changed since the last install (npm writes this file).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# esbuild does not type-check; tsc does, without emitting.
npm run --silent typecheck
npm run --silent build
rm -rf server
if [ -n "$server" ]; then
  mkdir server
  cp "$server" server/truthlens
  chmod +x server/truthlens
  # The release profile strips already; a binary built otherwise (54 MB of debug
  # information) is stripped here, where the tool exists.
  if command -v strip >/dev/null; then strip server/truthlens; fi
fi
# The bundle holds the dependencies; stdin from /dev/null so vsce never waits on a prompt.
npx --no-install vsce package --no-dependencies ${out:+--out "$out"} </dev/null
