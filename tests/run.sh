#!/usr/bin/env bash
# Runs every test: the analysis, the CLI, the protocol over a pipe and the real binary over stdio,
# then the real editors (Neovim, VS Code) driving the release binary.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release "$@"
cargo build --release --bin truthlens
bash tests/editors/run.sh
