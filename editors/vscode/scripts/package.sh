#!/usr/bin/env bash
# Builds the bundle and packages the extension, offline, without prompts.
# Usage: scripts/package.sh [--server PATH] [--out FILE]
#   --server PATH  ship this truthlens binary as server/truthlens (the vsix is then
#                  specific to its platform); without it no binary is shipped.
#   --out FILE     where to write the vsix (default truthlens-VERSION.vsix here).
set -euo pipefail
cd "$(dirname "$0")/.."
server="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--server PATH] [--out FILE]" >&2; exit 2 ;;
  esac
done
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
fi
# The bundle holds the dependencies; stdin from /dev/null so vsce never waits on a prompt.
npx --no-install vsce package --no-dependencies ${out:+--out "$out"} </dev/null
