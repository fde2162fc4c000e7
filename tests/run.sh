#!/usr/bin/env bash
# Runs every test: the analysis, the CLI, the protocol over a pipe, the real binary over
# stdio, and the real editors (Neovim, VS Code, Emacs) driving the release binary.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
# TRUTHLENS_SKIP_EDITORS=1 runs the Rust tests only.
editors=1
[ "${TRUTHLENS_SKIP_EDITORS:-}" = 1 ] && editors=0
if [ "$editors" = 1 ]; then
  . tests/editors/lib.sh
  # Say what will be installed before installing it, and how to avoid it.
  todo="$(bash tests/editors/setup.sh --plan)"
  if [ -n "$todo" ]; then
    echo "The editor tests need tools this machine lacks; installing them now (once):"
    echo "$todo" | sed 's/^/  - /'
    echo "into $TOOLS (Debian packages into the system). To run only the Rust tests,"
    echo "press Ctrl-C and run: TRUTHLENS_SKIP_EDITORS=1 bash tests/run.sh"
  else
    echo "Editor tools: all installed ($TOOLS)."
  fi
  # Install the pinned editors (a warm machine skips every step) while cargo builds:
  # the download and the compile overlap instead of adding up.
  setup_log="$(mktemp)"
  bash tests/editors/setup.sh >"$setup_log" 2>&1 &
  setup_pid=$!
fi
cargo test --release "$@"
if [ "$editors" = 1 ]; then
  status=0
  wait "$setup_pid" || status=$?
  cat "$setup_log"
  rm -f "$setup_log"
  if [ "$status" != 0 ]; then
    echo "editor set-up failed (exit $status); TRUTHLENS_SKIP_EDITORS=1 runs the Rust tests only" >&2
    exit "$status"
  fi
  bash tests/editors/run.sh
fi
