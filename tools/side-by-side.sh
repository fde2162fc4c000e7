#!/usr/bin/env bash
# Side-by-side diagnostics latency over LSP: truthlens against harper-ls, on the
# same synthetic drafts and the same one-letter edits (benches/lsp.rs).
#
# Usage: tools/side-by-side.sh [--sizes 200000,2000000] [--edits 30] [--warmup 3]
#                              [--timeout SECS] [--budget SECS] [--harper-root DIR]
#                              [--no-install]
#
# --timeout is per publish (default 300 s); a server that misses it gets an error
# row for that size and the next size is tried. --budget (default 300 s) bounds the
# edits of one size: past it, a server stops after 3 measured edits (the "n" column);
# harper-ls needs about 100 s per edit on the 2 MB draft.
#
# harper-ls is taken from PATH, else from DIR/bin (default
# $HOME/.cache/truthlens/harper), else installed there with
# `cargo install --locked harper-ls --version $HARPER_VERSION` (slow: a few
# hundred crates; CARGO_BUILD_JOBS defaults to 1 so a shared machine keeps a core,
# and CFLAGS to -O1: see below).
# Needs python3 for the table. Exit status: 0 when both runs completed.
set -euo pipefail

HARPER_VERSION=3.0.0

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
harper_root="${HOME}/.cache/truthlens/harper"
sizes=200000,2000000
edits=30
warmup=3
timeout=300
budget=300
install=1

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --edits) edits="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --harper-root) harper_root="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "side-by-side: unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v python3 >/dev/null || { echo "side-by-side: python3 is needed for the table" >&2; exit 2; }

# 1. harper-ls
if harper="$(command -v harper-ls)"; then
  :
elif [ -x "$harper_root/bin/harper-ls" ]; then
  harper="$harper_root/bin/harper-ls"
elif [ "$install" = 1 ]; then
  echo "== installing harper-ls $HARPER_VERSION into $harper_root (this takes a while)" >&2
  # The C in harper-ls is its ~35 tree-sitter grammars (for comments in source
  # code; Markdown goes through pulldown-cmark, in Rust, so they play no part in
  # this benchmark). At cc's default -O3, gcc takes over 20 CPU minutes on
  # tree-sitter-gitcommit's parser.c alone; at -O1, seconds.
  CFLAGS="${CFLAGS:--O1}" CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
    cargo install --locked harper-ls --version "$HARPER_VERSION" --root "$harper_root"
  harper="$harper_root/bin/harper-ls"
else
  echo "side-by-side: harper-ls is not on PATH nor in $harper_root/bin (and --no-install)" >&2
  exit 2
fi
echo "== harper-ls: $harper ($("$harper" --version 2>/dev/null || echo 'version unknown'))" >&2

# 2. truthlens (release) and the bench
cd "$repo"
echo "== building truthlens (release) and the lsp bench" >&2
cargo build --release
cargo bench --bench lsp --no-run

# 3. the same drafts and edits against each server
out="$(mktemp -d "${TMPDIR:-/tmp}/side-by-side.XXXXXX")"
trap 'rm -rf "$out"' EXIT
status=0
common=(--json --sizes "$sizes" --edits "$edits" --warmup "$warmup" --timeout "$timeout"
        --budget "$budget" --language-id markdown)
echo "== truthlens" >&2
cargo bench --bench lsp -- "${common[@]}" >"$out/truthlens.json" || status=1
# harper-ls skips documents over maxFileLength (120000 bytes by default): lift it,
# or it would publish nothing for the large drafts.
echo "== harper-ls" >&2
cargo bench --bench lsp -- "${common[@]}" --server "$harper --stdio" \
  --settings '{"harper-ls": {"maxFileLength": 100000000}}' >"$out/harper.json" || status=1

# 4. the table
python3 - "$out/truthlens.json" "$out/harper.json" <<'EOF'
import json, sys

def load(path):
    try:
        with open(path) as f:
            lines = [l for l in f if l.strip().startswith("{")]
        return {s["bytes"]: s for s in json.loads(lines[-1])["sizes"]}
    except (OSError, IndexError, ValueError, KeyError):
        return {}

truthlens, harper = load(sys.argv[1]), load(sys.argv[2])

def ms(size, key):
    v = (size or {}).get(key)
    return "-" if v is None else f"{v:.1f}"

def mb(size, key):
    v = (size or {}).get(key)
    return "-" if v is None else f"{v / 1024:.0f}"

def ratio(a, b, key):
    x, y = (a or {}).get(key), (b or {}).get(key)
    return "-" if not x or not y else f"{y / x:.2f}x"

def label(n):
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n / 1e3:g} KB"

header = ["draft", "server", "sync", "n", "open ms", "p50 ms", "p90 ms", "max ms", "diags", "publish B", "VmHWM MB", "VmRSS MB"]
rows = []
for n in sorted(set(truthlens) | set(harper)):
    for name, runs in (("truthlens", truthlens), ("harper-ls", harper)):
        s = runs.get(n)
        rows.append([label(n), name, (s or {}).get("sync") or "-", str((s or {}).get("samples", "-")), ms(s, "open_ms"), ms(s, "p50_ms"), ms(s, "p90_ms"),
                     ms(s, "max_ms"), str((s or {}).get("diagnostics", "-")),
                     str((s or {}).get("publish_bytes", "-")), mb(s, "vm_hwm_kb"), mb(s, "vm_rss_kb")])
        if s and s.get("error"):
            rows[-1].append("error: " + s["error"])
    rows.append([label(n), "harper/truthlens", "", "", ratio(truthlens.get(n), harper.get(n), "open_ms"),
                 ratio(truthlens.get(n), harper.get(n), "p50_ms"),
                 ratio(truthlens.get(n), harper.get(n), "p90_ms"), ratio(truthlens.get(n), harper.get(n), "max_ms"),
                 "", "", ratio(truthlens.get(n), harper.get(n), "vm_hwm_kb"), ratio(truthlens.get(n), harper.get(n), "vm_rss_kb")])
widths = [max(len(r[i]) for r in [header] + rows if i < len(r)) for i in range(len(header))]
for r in [header] + rows:
    cells = [c.rjust(w) if i >= 2 else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
    print("  ".join(cells + r[len(header):]).rstrip())
print("\nratios > 1: harper-ls is slower or larger. sync 'full': the client sends the whole")
print("draft with every edit, and writing it is part of that server's latency.")
EOF
exit "$status"
