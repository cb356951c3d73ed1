#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the central-store tests: owned by the postgres user (initdb refuses
# root), listening only on a Unix socket in DIR, trust authentication (nothing but this socket reaches it).
#
#   eval "$(scripts/pg-test-setup.sh [DIR])"     # prints export lines (DUTYDESK_PG_URL, DUTYDESK_PG_DIR)
#   swift test --filter CentralBackendTests
#   scripts/pg-test-setup.sh --stop DIR           # when done
set -euo pipefail
log() { echo "pg-test-setup: $*" >&2; }
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ "${1:-}" = "--stop" ]; then
    dir=$2
    [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ] && \
        runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit 0
fi
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || { log "PostgreSQL server binaries are missing (apt-get install postgresql)"; exit 1; }
id postgres >/dev/null 2>&1 || { log "no postgres user (the postgresql package creates it)"; exit 1; }
dir=${1:-$(mktemp -d /tmp/dutydesk-pg.XXXXXX)}
chmod 755 "$dir"
chown postgres "$dir"
runuser -u postgres -- "$bindir/initdb" -D "$dir/data" --auth=trust --username=postgres --encoding=UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: a throwaway cluster whose crash safety is not under test; the tests' time goes to the code.
# DUTYDESK_PG_DURABLE=1 keeps PostgreSQL's defaults (fsync, synchronous_commit on): what benchmarks measure.
durability="-c fsync=off"
[ "${DUTYDESK_PG_DURABLE:-}" = 1 ] && durability=""
runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir $durability -c max_connections=200" start >/dev/null \
    || { log "the server did not start:"; cat "$dir/server.log" >&2; exit 1; }
echo "export DUTYDESK_PG_DIR='$dir'"
echo "export DUTYDESK_PG_URL='postgresql:///postgres?host=$dir&user=postgres'"
