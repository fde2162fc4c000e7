#!/usr/bin/env bash
# The Emacs suite: Debian's Emacs 28 + elpa-eglot in --batch, configured with the
# README's eglot snippet, shows TruthLens diagnostics through flymake.
# Prints PASS/SKIP/FAIL; exits 1 on failure, 77 if Emacs is missing outside CI.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"

if ! command -v emacs >/dev/null || [ ! -d /usr/share/emacs/site-lisp/elpa-src ] \
   || ! ls -d /usr/share/emacs/site-lisp/elpa-src/eglot-* >/dev/null 2>&1; then
  missing emacs "emacs with elpa-eglot not installed"; exit $?
fi
BIN="$(realpath "${TRUTHLENS_BIN:-$REPO_ROOT/target/release/truthlens}")"
OUT="$ARTIFACTS/emacs"
rm -rf "$OUT" && mkdir -p "$OUT/bin"
ln -s "$BIN" "$OUT/bin/truthlens"

probe="$(python3 "$EDITORS_DIR/probe-server.py" "$BIN" "$OUT/capabilities.json")"
case $? in
  0) ;;
  77) echo "SKIP emacs/eglot: $probe"; exit 0 ;;
  *) echo "FAIL emacs/eglot: $probe"; exit 1 ;;
esac

dir="$(mktemp -d "${TMPDIR:-/tmp}/truthlens-emacs.XXXXXX")"
cp "$REPO_ROOT/examples/ceasefire-draft.md" "$dir/"
: > "$dir/.truthlens.toml"
# HOME elsewhere: no user init, no ~/.emacs.d writes.
env HOME="$OUT" PATH="$OUT/bin:$PATH" timeout -k 5 60 \
  emacs --batch -l "$EDITORS_DIR/emacs/eglot-e2e.el" "$dir/ceasefire-draft.md" > "$OUT/stdout" 2> "$OUT/stderr"
rc=$?
cat "$OUT/stdout"
grep -q '^\(PASS\|FAIL\) ' "$OUT/stdout" || echo "FAIL emacs/eglot: exit $rc: $(tail -c 1500 "$OUT/stderr")"
rm -rf "$dir"
[ $rc -eq 0 ]
