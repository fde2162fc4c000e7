#!/usr/bin/env bash
# The pre-commit hook through the real pre-commit tool (pinned, from PyPI): a throwaway
# git repository uses this repository's .pre-commit-hooks.yaml, and a commit of a draft
# with findings must be refused while a clean draft and a Rust file pass.
# Prints PASS/SKIP/FAIL lines like the editor suites; exits 1 on a failure, 77 on a skip.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"

PRE_COMMIT_SPEC="pre-commit==4.7.0"
venv="$TOOLS/pre-commit-venv"
if ! "$venv/bin/pre-commit" --version 2>/dev/null | grep -q "${PRE_COMMIT_SPEC#*==}"; then
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then missing pre-commit "python3 with venv and pip not found"; exit $?; fi
  t0="$(now)"
  rm -rf "$venv" && python3 -m venv "$venv" \
    && "$venv/bin/pip" install --quiet --disable-pip-version-check "$PRE_COMMIT_SPEC" \
    || { echo "FAIL pre-commit/install: pip could not install $PRE_COMMIT_SPEC"; exit 1; }
  log "pre-commit: installed in $(elapsed "$t0") s"
fi
command -v git >/dev/null || { missing pre-commit "git not found"; exit $?; }

t0="$(now)"
work="$(mktemp -d "${TMPDIR:-/tmp}/truthlens-pre-commit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
OUT="$ARTIFACTS/pre-commit"
rm -rf "$OUT" && mkdir -p "$OUT"

# The hook source: a snapshot of this work tree as one commit (pre-commit clones a
# revision, so uncommitted changes must be in it).
src="$work/source"
mkdir -p "$src"
(cd "$REPO_ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src" 2>/dev/null)
git -C "$src" init -q && git -C "$src" add -A \
  && git -C "$src" -c user.name=t -c user.email=t@example.invalid commit -qm snapshot
rev="$(git -C "$src" rev-parse HEAD)"

# The user's repository.
repo="$work/newsroom"
git init -q "$repo"
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: truthlens
YAML
printf 'The council met on Monday.\n' > "$repo/clean.md"
printf 'fn main() {} // a brutal hack, not a draft\n' > "$repo/main.rs"
cp "$REPO_ROOT/examples/ceasefire-draft.md" "$repo/draft.md"
git -C "$repo" add -A

# pre-commit builds the hook with `cargo install` (without --locked, so it resolves the
# dependencies afresh). Offline, cargo can only take the versions already downloaded,
# which are the locked ones `cargo test` fetched; in this repository's target folder
# their builds are reused, and only truthlens itself is compiled again (its release
# binary there is replaced by the same code built from the snapshot). If the offline
# resolution fails, the install runs online.
export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="$REPO_ROOT/target"
run() { (cd "$repo" && "$venv/bin/pre-commit" run "$@") ; }
if ! (cd "$repo" && CARGO_NET_OFFLINE=true "$venv/bin/pre-commit" install-hooks > "$OUT/install.log" 2>&1); then
  log "pre-commit: the offline build failed ($(tail -3 "$OUT/install.log" | tr '\n' ' ')); building online"
  (cd "$repo" && "$venv/bin/pre-commit" install-hooks >> "$OUT/install.log" 2>&1) \
    || { echo "FAIL pre-commit/install: $(tail -20 "$OUT/install.log")"; exit 1; }
fi
log "pre-commit: the hook is built ($(elapsed "$t0") s)"

failed=0
if run --files clean.md main.rs > "$OUT/clean.log" 2>&1; then
  echo "PASS pre-commit/clean (a clean draft and a Rust file pass)"
else
  echo "FAIL pre-commit/clean: $(tail -20 "$OUT/clean.log")"; failed=1
fi
run --files draft.md > "$OUT/findings.log" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q "draft.md:35:.*loaded-language" "$OUT/findings.log"; then
  echo "PASS pre-commit/findings (the example's findings stop the commit)"
else
  echo "FAIL pre-commit/findings: exit $rc: $(tail -20 "$OUT/findings.log")"; failed=1
fi
exit $failed
