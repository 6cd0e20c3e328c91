#!/usr/bin/env bash
# Brings up what the tests need, on private sockets and ports, and tears down only what it started.
#   scripts/test-env.sh up     install missing packages (as root), start dockerd, a second dockerd (second host,
#                              also on TCP+TLS), sshd (SSH to the second host) and Postgres, write .test-env/env
#   scripts/test-env.sh down   stop what `up` started
#   scripts/test-env.sh docker2-stop|docker2-start   stop / start the second dockerd (the health-poller test)
# Idempotent: a second `up` reuses a daemon or database that already answers.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="$ROOT/.test-env"
RUN=/run/fleetdeck-test
VAR=/var/lib/fleetdeck-test
DOCKER_SOCK="$RUN/docker.sock"
DOCKER2_SOCK="$RUN/docker2.sock"
# The second daemon gets its own bridge and leaves iptables alone, so the two never fight over docker0 or the DOCKER chains.
DOCKER2_BRIDGE=fdtest2
DOCKER2_BRIDGE_CIDR="${FLEETDECK_TEST_DOCKER2_BRIDGE_CIDR:-172.31.250.1/24}"
TLS_PORT="${FLEETDECK_TEST_DOCKER_TLS_PORT:-23760}"
SSH_PORT="${FLEETDECK_TEST_SSH_PORT:-22022}"
# Certificates and keys belong to the daemons (shared by every checkout on this machine); each checkout gets copies.
TLS_SRC="$VAR/tls"
SSH_SRC="$VAR/ssh"
PG_PORT="${FLEETDECK_TEST_PG_PORT:-55432}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
mkdir -p "$STATE"

say() { echo "[test-env] $*" >&2; }

need_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -n "$PG_BIN" ] || missing+=(postgresql)
  command -v prometheus >/dev/null || missing+=(prometheus)
  command -v prometheus-node-exporter >/dev/null || [ -x /usr/bin/prometheus-node-exporter ] || missing+=(prometheus-node-exporter)
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "missing packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "installing ${missing[*]} with apt-get (once)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$STATE/apt.log" 2>&1 || {
    say "apt-get install failed; see $STATE/apt.log"; tail -n 20 "$STATE/apt.log" >&2; exit 1; }
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
}

# A daemon that died leaves pid files behind; once the pid is reused by another process, dockerd believes its
# containerd still runs and times out waiting for it. Remove pid files whose process is not the program named.
clear_stale_pid() {
  local file="$1" program="$2" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file" 2>/dev/null)"
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$program" ]; then return 0; fi
  rm -f "$file"
}

clear_stale_daemon_pids() {
  local exec_root="$1" pidfile="$2"
  clear_stale_pid "$pidfile" dockerd
  clear_stale_pid "$exec_root/containerd/containerd.pid" containerd
}

docker_up() {
  if docker -H "unix://$DOCKER_SOCK" info >/dev/null 2>&1; then say "dockerd already answers on $DOCKER_SOCK (reused)"; return; fi
  [ "$(id -u)" -eq 0 ] || { say "dockerd needs root to start; run the tests as root or start it yourself on $DOCKER_SOCK"; exit 1; }
  mkdir -p "$RUN" "$VAR/docker"
  clear_stale_daemon_pids "$RUN/docker-exec" "$RUN/docker.pid"
  say "starting dockerd on $DOCKER_SOCK"
  nohup dockerd --host "unix://$DOCKER_SOCK" --data-root "$VAR/docker" --exec-root "$RUN/docker-exec" \
    --pidfile "$RUN/docker.pid" >"$STATE/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker -H "unix://$DOCKER_SOCK" info >/dev/null 2>&1 && { echo dockerd >>"$STATE/started"; return; }
    sleep 1
  done
  say "dockerd did not answer within 60 s; see $STATE/dockerd.log"; tail -n 20 "$STATE/dockerd.log" >&2; exit 1
}

pg_up() {
  if "$PG_BIN/pg_isready" -q -h "$RUN" -p "$PG_PORT"; then say "Postgres already answers on port $PG_PORT (reused)"; return; fi
  mkdir -p "$RUN" "$VAR"
  chown postgres:postgres "$RUN" 2>/dev/null || true
  if [ ! -s "$VAR/pg/PG_VERSION" ]; then
    install -d -o postgres -g postgres "$VAR/pg"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$VAR/pg" --auth=trust -U postgres >"$STATE/initdb.log" 2>&1
  fi
  say "starting Postgres on 127.0.0.1:$PG_PORT"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$VAR/pg" -l "$VAR/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $RUN -c listen_addresses=127.0.0.1" start >/dev/null
  echo postgres >>"$STATE/started"
}

# shellcheck source=scripts/test-env-hosts.sh
. "$ROOT/scripts/test-env-hosts.sh"

up() {
  : >"$STATE/started.new"; [ -f "$STATE/started" ] || : >"$STATE/started"
  need_packages
  docker_up
  tls_material
  docker2_up
  ssh_material
  sshd_up
  pg_up
  cat >"$STATE/env" <<ENV
export FLEETDECK_TEST_DOCKER_HOST="unix://$DOCKER_SOCK"
$(hosts_env)
export FLEETDECK_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export FLEETDECK_TEST_CHROMIUM="/usr/bin/chromium"
ENV
  rm -f "$STATE/started.new"
}

down() {
  [ -f "$STATE/started" ] || return 0
  if grep -qx postgres "$STATE/started"; then
    say "stopping Postgres"; runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$VAR/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  hosts_down
  if grep -qx dockerd "$STATE/started" && [ -f "$RUN/docker.pid" ]; then
    say "stopping dockerd"; kill "$(cat "$RUN/docker.pid")" 2>/dev/null || true
    for _ in $(seq 1 20); do [ -f "$RUN/docker.pid" ] || break; sleep 0.5; done
  fi
  rm -f "$STATE/started"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  docker2-stop) docker2_stop ;;
  docker2-start) docker2_up restart ;;
  *) echo "usage: $0 up|down|docker2-stop|docker2-start" >&2; exit 2 ;;
esac
