#!/usr/bin/env bash
# Installs every editor the end-to-end tests drive, into $TOOLS (lib.sh: the user's
# cache folder) and, for the Debian packages, the system (as root). tests/run.sh
# calls it; later runs are no-ops.
#   setup.sh         install what is missing
#   setup.sh --plan  only say what would be installed (nothing when all is there)
set -euo pipefail
dir="$(dirname "$0")"
. "$dir/lib.sh"

# What is missing, one line each, in words a newcomer can judge.
plan() {
  if ! "$TOOLS/nvim-venv/bin/nvim" --version 2>/dev/null | head -1 | grep -q "v$NVIM_VERSION\$"; then
    echo "Neovim $NVIM_VERSION (a Python wheel, into a venv; about 80 MB)"
  fi
  # shellcheck disable=SC2086
  local debs; debs="$(absent_debs $VSCODE_APT_PACKAGES $EMACS_APT_PACKAGES | xargs)"
  if [ -n "$debs" ]; then
    echo "Debian packages, as root through apt-get: $debs, with their dependencies" \
      "(about 150 packages and 700 MB on a bare Debian; a few minutes)"
  fi
  if ! "$TOOLS/pre-commit-venv/bin/pre-commit" --version >/dev/null 2>&1; then
    echo "pre-commit (PyPI, into a venv; the hook's test then builds truthlens with cargo install)"
  fi
  local tool
  for tool in node24 playwright code-server; do
    local want; want="$(pin_hash "$EDITORS_DIR/tools/$tool/package.json" "$EDITORS_DIR/tools/$tool/package-lock.json")"
    if [ "$(cat "$TOOLS/$tool/.installed" 2>/dev/null)" != "$want" ]; then
      case "$tool" in
        node24) echo "Node 24 (an npm package; about 190 MB)" ;;
        playwright) echo "playwright-core (npm, 14 MB; it drives Debian's chromium)" ;;
        code-server) echo "code-server (VS Code in a browser; npm, native modules compiled: about 620 MB, the longest step)" ;;
      esac
    fi
  done
}

if [ "${1:-}" = --plan ]; then
  plan
  exit 0
fi
bash "$dir/setup-nvim.sh"
bash "$dir/setup-apt.sh"
bash "$dir/setup-vscode.sh"
