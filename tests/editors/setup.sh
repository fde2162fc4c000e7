#!/usr/bin/env bash
# Installs every editor the end-to-end tests drive. .ci/run calls it; on a developer
# machine run it once (as root for the Debian packages), later runs are no-ops.
set -euo pipefail
dir="$(dirname "$0")"
bash "$dir/setup-nvim.sh"
bash "$dir/setup-apt.sh"
bash "$dir/setup-vscode.sh"
