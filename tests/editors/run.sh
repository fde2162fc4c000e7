#!/usr/bin/env bash
# Runs the real-editor end-to-end suites (Neovim, Emacs, VS Code), and the pre-commit
# hook through the real pre-commit tool, against target/release/truthlens and prints
# the total as its last line.
# A suite whose editor is missing skips (fails under CI=true); a scenario whose
# server feature has not landed skips with the feature's name.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

if [ "${TRUTHLENS_SKIP_EDITORS:-}" = 1 ]; then
  echo "SKIP editors: TRUTHLENS_SKIP_EDITORS=1"
  echo "editors: 0 passed, 0 failed, 1 skipped"
  exit 0
fi

mkdir -p "$ARTIFACTS"
summary="$ARTIFACTS/results.txt"
: > "$summary"

# A suite's lines go to the summary; one that died without saying why still counts
# as a failure (77 is a skip).
record() {
  local suite="$1" rc="$2"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && ! grep -q "^FAIL " "$ARTIFACTS/$suite.txt"; then
    echo "FAIL $suite: exit $rc" | tee -a "$ARTIFACTS/$suite.txt"
  fi
  cat "$ARTIFACTS/$suite.txt" >> "$summary"
}

# The editors drive a copy of the tested binary: the pre-commit suite runs beside
# them (its build is CPU work while they mostly wait on the editors) and rebuilds
# target/release/truthlens, from a snapshot of the same sources.
if [ -z "${TRUTHLENS_BIN:-}" ]; then
  mkdir -p "$ARTIFACTS/bin"
  cp "$REPO_ROOT/target/release/truthlens" "$ARTIFACTS/bin/truthlens"
  export TRUTHLENS_BIN="$ARTIFACTS/bin/truthlens"
fi
t_precommit="$(now)"
log "precommit suite, in the background..."
bash "$EDITORS_DIR/precommit/run.sh" > "$ARTIFACTS/precommit.txt" 2> "$ARTIFACTS/precommit.log" &
precommit_pid=$!

for suite in nvim emacs vscode; do
  t0="$(now)"
  log "$suite suite..."
  bash "$EDITORS_DIR/$suite/run.sh" | tee "$ARTIFACTS/$suite.txt"
  record "$suite" "${PIPESTATUS[0]}"
  log "$suite suite took $(elapsed "$t0") s"
done

wait "$precommit_pid"
rc=$?
cat "$ARTIFACTS/precommit.log" >&2
cat "$ARTIFACTS/precommit.txt"
record precommit "$rc"
log "precommit suite took $(elapsed "$t_precommit") s"

passed=$(grep -c '^PASS ' "$summary")
failed=$(grep -c '^FAIL ' "$summary")
skipped=$(grep -c '^SKIP ' "$summary")
echo "editors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
