#!/usr/bin/env bash
# The first poll of a large Atom index (issue 9): N entries, each linking to a one-message CAP file on a loopback
# server, polled once by `alerts poll` into a fresh store on disk; prints the wall time of the whole poll (fetching
# every entry and importing every message) and the count imported.
#   scripts/feed-index-bench.sh [BINARY] [ENTRIES]
set -euo pipefail
BIN=${1:-.build/release/dutydesk}
N=${2:-500}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d "${TMPDIR:-/var/tmp}/feedbench.XXXXXX")
cleanup() { [[ -n "${SERVER:-}" ]] && kill "$SERVER" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
mkdir -p "$DIR/www"
"$BIN" init --db "$DIR/p.db" --office 140000 --name 省厅 --operator 值班员 >/dev/null
python3 - "$ROOT/Tests/Corpus/CAP/shanxi-multi-area-signed.xml" "$DIR/www" "$N" <<'PY'
import re, sys
template, www, n = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], int(sys.argv[3])
entries = []
for i in range(1, n + 1):
    open(f"{www}/m{i}.xml", "w", encoding="utf-8").write(re.sub(r"<identifier>[^<]*<", f"<identifier>BENCH-{i}<", template, count=1))
    entries.append(f'<entry><id>m{i}</id><title>m{i}</title><updated>2026-07-14T02:30:00Z</updated><link href="m{i}.xml"/></entry>')
open(f"{www}/index.atom", "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    '<title>bench</title><id>urn:bench</id><updated>2026-07-14T02:31:00Z</updated>\n' + "\n".join(entries) + "\n</feed>\n")
PY
python3 "$ROOT/scripts/feed-test-server.py" "$DIR/www" "$DIR/log" >"$DIR/port" & SERVER=$!
while ! grep -q port "$DIR/port" 2>/dev/null; do sleep 0.05; done
PORT=$(sed 's/port //' "$DIR/port")
START=$(date +%s%N)
"$BIN" alerts poll "http://127.0.0.1:$PORT/index.atom" --count 1 --db "$DIR/p.db" >"$DIR/out" 2>&1 || true
END=$(date +%s%N)
echo "first poll of a $N-entry index: $(( (END - START) / 1000000 )) ms, $(grep -c '^imported alert BENCH-' "$DIR/out") imported ($BIN)"
