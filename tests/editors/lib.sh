# shellcheck shell=bash disable=SC2034
# Shared helpers for the editor end-to-end tests. Sourced, not run.
# Why a library: the set-up scripts and the suites must agree on where tools live
# and on what "missing" means (skip on a developer machine, fail under CI).

EDITORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$EDITORS_DIR/../.." && pwd)"
# Everything downloaded or built for these tests (about 0.9 GB) lives in the user's
# cache folder, outside target/, so `cargo clean` keeps it and clones share it.
TOOLS="${TRUTHLENS_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/truthlens/editor-tools}"
ARTIFACTS="${TRUTHLENS_EDITOR_ARTIFACTS:-$REPO_ROOT/target/editor-artifacts}"
# shellcheck source=versions.env
. "$EDITORS_DIR/versions.env"

# Exit status of a suite or scenario that skipped (the automake convention).
SKIP=77

log() { printf '[editors] %s\n' "$*" >&2; }

# Seconds since the epoch with a fraction, for the timing lines.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

is_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }

# A missing editor or tool (missing SUITE WHAT): a failure under CI (the set-up must
# have installed it), a skip with the fix on a developer machine.
missing() {
  local suite="$1"; shift
  if is_ci; then
    echo "FAIL $suite: $* (CI=true: .ci/run should have installed it)"
    return 1
  fi
  echo "SKIP $suite: $* (run: bash tests/editors/setup.sh)"
  return "$SKIP"
}

# Whether Debian package $1 is installed.
has_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# The Debian packages among "$@" that are not installed, one per line.
absent_debs() { for p in "$@"; do has_deb "$p" || echo "$p"; done; }

# sha256 of the files that pin a tool; an install is reused only while they match.
pin_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

# `npm ci` of a pinned manifest (tests/editors/tools/NAME) into $TOOLS/NAME, once per pin.
npm_tool() {
  local name="$1"; shift
  local src="$EDITORS_DIR/tools/$name" dst="$TOOLS/$name"
  local want; want="$(pin_hash "$src/package.json" "$src/package-lock.json")"
  if [ -f "$dst/.installed" ] && [ "$(cat "$dst/.installed")" = "$want" ]; then
    log "$name: already installed"
    return 0
  fi
  local t0; t0="$(now)"
  rm -rf "$dst" && mkdir -p "$dst"
  cp "$src/package.json" "$src/package-lock.json" "$dst/"
  (cd "$dst" && "$@" npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$dst/.installed"
  log "$name: installed in $(elapsed "$t0") s"
}
