#!/usr/bin/env bash
# Runs every test: the analysis, the CLI, the protocol over a pipe, the real binary over
# stdio, and the real editors (Neovim, VS Code, Emacs) driving the release binary.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The pinned editors the end-to-end suites drive; a warm machine skips every step.
# TRUTHLENS_SKIP_EDITORS=1 runs the Rust tests only.
if [ "${TRUTHLENS_SKIP_EDITORS:-}" != 1 ]; then
  bash tests/editors/setup.sh
fi
cargo test --release "$@"
if [ "${TRUTHLENS_SKIP_EDITORS:-}" != 1 ]; then
  bash tests/editors/run.sh
fi
