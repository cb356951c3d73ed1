#!/usr/bin/env bash
# Starts a throwaway sshd on 127.0.0.1 for the real-SSH sync test, with a forced command that pins an office.
#
#   eval "$(scripts/ssh-test-setup.sh [DIR] [OFFICE])"    # prints export lines; DIR defaults to a new temp dir
#   DUTYDESK_SSH_TEST=1 swift test --filter SyncTests.SSHTests
#   kill "$(cat "$DUTYDESK_SSH_DIR/sshd.pid")"             # when done
#
# Installs openssh-server/-client with apt-get when missing. Needs the CLI at .build/debug/dutydesk (or $DUTYDESK_EXE)
# (serve-sync, central init, office authorize). Creates DIR/central.db with the demo province, a throwaway host
# key and client key, and an authorized_keys line from `dutydesk office authorize` (forced command + restrict).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${1:-$(mktemp -d /tmp/dutydesk-ssh.XXXXXX)}
office=${2:-140121}
exe=${DUTYDESK_EXE:-"$root/.build/debug/dutydesk"}
log() { echo "ssh-test-setup: $*" >&2; }

[ -x "$exe" ] || { log "no $exe; run 'swift build' first"; exit 1; }
if ! [ -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
    log "installing openssh-server and openssh-client"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openssh-server openssh-client >&2
fi

mkdir -p "$dir"
chmod 700 "$dir"
rm -f "$dir"/host_ed25519* "$dir"/client_ed25519* "$dir/central.db"*
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519" >&2
ssh-keygen -q -t ed25519 -N '' -C "dutydesk-test-$office" -f "$dir/client_ed25519" >&2
"$exe" central init "$dir/central.db" --demo >&2
"$exe" office authorize "$office" --key "$dir/client_ed25519.pub" --store "$dir/central.db" --command "$exe" \
    > "$dir/authorized_keys"
chmod 600 "$dir/authorized_keys"

# A spare port on loopback.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
       || echo $((20000 + RANDOM % 20000)))
user=$(id -un)
cat > "$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin forced-commands-only
AllowUsers $user
StrictModes no
UsePAM no
LogLevel ERROR
CONF
mkdir -p /run/sshd 2>/dev/null || true
[ -f "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
for _ in $(seq 50); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
[ -s "$dir/sshd.pid" ] || { log "sshd did not start; see $dir/sshd.log"; cat "$dir/sshd.log" >&2; exit 1; }
echo "[127.0.0.1]:$port $(cat "$dir/host_ed25519.pub")" > "$dir/known_hosts"
log "sshd on 127.0.0.1:$port for $user, office $office, central $dir/central.db"

cat <<ENV
export DUTYDESK_SSH_DIR='$dir'
export DUTYDESK_SSH_PORT='$port'
export DUTYDESK_SSH_USER='$user'
export DUTYDESK_SSH_KEY='$dir/client_ed25519'
export DUTYDESK_SSH_KNOWN_HOSTS='$dir/known_hosts'
export DUTYDESK_SSH_CENTRAL='$dir/central.db'
export DUTYDESK_SSH_OFFICE='$office'
ENV
