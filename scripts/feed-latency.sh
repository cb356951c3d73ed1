#!/usr/bin/env bash
# How long a new CAP message takes to reach the console's alerts pane (issue 9: within 2 s), from a spool folder and
# from an HTTP feed, measured on a real console in tmux: a file is renamed into the spool (or the loopback feed server
# answers with a new message) and the pane is captured every 20 ms until the message's headline shows.
#   scripts/feed-latency.sh [BINARY] [ROUNDS]     prints each round's figure and the median/max
set -euo pipefail
BIN=${1:-.build/release/dutydesk}
ROUNDS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d)
SOCK="feedlat-$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; [[ -n "${SERVER:-}" ]] && kill "$SERVER" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
"$BIN" init --db "$DIR/p.db" --office 140000 --name 省厅 --operator 值班员 >/dev/null
mkdir -p "$DIR/spool" "$DIR/www"
# A feed (a CAP document) the publisher replaces with message n, polled by the console at its default pace.
feed_message() {
  sed -e "s/<identifier>[^<]*</<identifier>LAT-FEED-$1</" -e "s/<headline>[^<]*</<headline>FEEDLAT$1</" \
    "$ROOT/Tests/Corpus/CAP/shanxi-multi-area-signed.xml" >"$DIR/www/feed.xml.tmp"
}
feed_message 1; mv "$DIR/www/feed.xml.tmp" "$DIR/www/feed.xml"
python3 "$ROOT/scripts/feed-test-server.py" "$DIR/www" "$DIR/log" >"$DIR/port" & SERVER=$!
while ! grep -q port "$DIR/port" 2>/dev/null; do sleep 0.05; done
PORT=$(sed 's/port //' "$DIR/port")
tmux -L "$SOCK" new-session -d -x 200 -y 50 -e TERM=xterm-256color -e LANG=en_US.UTF-8 -e HOME="$DIR" \
  "$BIN" console --db "$DIR/p.db" --spool "$DIR/spool" --feed "http://127.0.0.1:$PORT/feed.xml"
# Milliseconds until the pane shows TEXT (polled every 20 ms), counted from START (epoch ms).
until_shown() {
  python3 - "$SOCK" "$1" "$2" <<'PY'
import subprocess, sys, time
sock, text, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
while True:
    out = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p"], capture_output=True, text=True).stdout
    if text in out:
        print(int(time.time() * 1000) - start); break
    if start and time.time() * 1000 - start > 30000:
        print("timeout"); break
    time.sleep(0.02)
PY
}
now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
# The feed: its first answer arrives at start-up; timed from when the server logged its answer (start 0: the
# capture loop prints the epoch millisecond the message showed).
SHOWN=$(until_shown FEEDLAT1 0)
REQ=$(python3 -c "import os; print(int(os.path.getmtime('$DIR/log')*1000))")
echo "feed: message shown $(( SHOWN - REQ )) ms after the server answered"
sleep 1
SPOOL=()
for n in $(seq 1 "$ROUNDS"); do
  sed -e "s/<identifier>[^<]*</<identifier>LAT-SPOOL-$n</" -e "s/<headline>[^<]*</<headline>SPOOLLAT$n</" \
    "$ROOT/Tests/Corpus/CAP/shanxi-multi-area-signed.xml" >"$DIR/spool/m$n.xml.tmp"
  START=$(now_ms)
  mv "$DIR/spool/m$n.xml.tmp" "$DIR/spool/m$n.xml"
  MS=$(until_shown "SPOOLLAT$n" "$START")
  echo "spool round $n: ${MS} ms"
  SPOOL+=("$MS")
  sleep 0.$((RANDOM % 9 + 1))
done
printf '%s\n' "${SPOOL[@]}" | sort -n | awk '{a[NR]=$1} END {print "spool: median " a[int((NR+1)/2)] " ms, max " a[NR] " ms over " NR " drops"}'
# A new message published on the feed (renamed over it) until it shows on the pane: no interval given.
FEED=()
for n in $(seq 2 $((ROUNDS + 1))); do
  feed_message "$n"
  START=$(now_ms)
  mv "$DIR/www/feed.xml.tmp" "$DIR/www/feed.xml"
  MS=$(until_shown "FEEDLAT$n" "$START")
  echo "feed round $((n - 1)): ${MS} ms"
  FEED+=("$MS")
  sleep 0.$((RANDOM % 9 + 1))
done
printf '%s\n' "${FEED[@]}" | sort -n | awk '{a[NR]=$1} END {print "feed: median " a[int((NR+1)/2)] " ms, max " a[NR] " ms over " NR " new messages"}'
