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
# Times ROUNDS new messages of kind $1 (spool, feed): `$2 n` prepares message n, `$3 n` publishes it, from n = $4;
# prints each figure and the median/max.
time_rounds() {
  local what=$1 prepare=$2 publish=$3 first=$4 times=()
  for n in $(seq "$first" $((first + ROUNDS - 1))); do
    "$prepare" "$n"
    START=$(now_ms)
    "$publish" "$n"
    MS=$(until_shown "${what^^}LAT$n" "$START")
    echo "$what round $n: ${MS} ms"
    times+=("$MS")
    sleep 0.$((RANDOM % 9 + 1))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v w="$what" '{a[NR]=$1} END {print w ": median " a[int((NR+1)/2)] " ms, max " a[NR] " ms over " NR " new messages"}'
}
spool_message() {
  sed -e "s/<identifier>[^<]*</<identifier>LAT-SPOOL-$1</" -e "s/<headline>[^<]*</<headline>SPOOLLAT$1</" \
    "$ROOT/Tests/Corpus/CAP/shanxi-multi-area-signed.xml" >"$DIR/spool/m$1.xml.tmp"
}
spool_publish() { mv "$DIR/spool/m$1.xml.tmp" "$DIR/spool/m$1.xml"; }
feed_publish() { mv "$DIR/www/feed.xml.tmp" "$DIR/www/feed.xml"; }
time_rounds spool spool_message spool_publish 1
# A new message published on the feed (renamed over it) until it shows on the pane: no interval given.
time_rounds feed feed_message feed_publish 2
