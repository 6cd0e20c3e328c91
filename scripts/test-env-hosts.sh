# Sourced by scripts/test-env.sh: the "other hosts" of the test environment.
#   - a second dockerd (its own data root, exec root, pidfile and bridge) on $RUN/docker2.sock, standing for a second host,
#     also listening on tcp://127.0.0.1:$TLS_PORT with --tlsverify (CA, server and client certificates made by openssl);
#   - Debian's sshd on 127.0.0.1:$SSH_PORT whose sessions get DOCKER_HOST=unix://$RUN/docker2.sock (sshd_config SetEnv),
#     so `ssh://root@127.0.0.1:$SSH_PORT` reaches the second daemon through `docker system dial-stdio`.
# Uses STATE, RUN, VAR and say() from test-env.sh. Every step reuses what already answers.

docker2_answers() { docker -H "unix://$DOCKER2_SOCK" info >/dev/null 2>&1; }

tls_answers() {
  curl -sf --max-time 3 --cacert "$TLS_SRC/ca.pem" --cert "$TLS_SRC/client-cert.pem" --key "$TLS_SRC/client-key.pem" \
    "https://127.0.0.1:$TLS_PORT/_ping" >/dev/null 2>&1
}

# One EC key and a certificate signed by CA ($2) for subject $1, with extensions $4, into $3-key.pem / $3-cert.pem.
issue_cert() {
  local subject="$1" ca="$2" out="$3" ext="$4"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$subject" \
    -keyout "$out-key.pem" -out "$out.csr" 2>/dev/null
  openssl x509 -req -in "$out.csr" -CA "$ca.pem" -CAkey "$ca-key.pem" -CAcreateserial -days 3650 \
    -extfile <(printf '%s\n' "$ext") -out "$out-cert.pem" 2>/dev/null
  rm -f "$out.csr"
}

new_ca() {
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj "/CN=$2" \
    -keyout "$1-key.pem" -out "$1.pem" 2>/dev/null
}

tls_material() {
  if [ ! -s "$TLS_SRC/wrong-client-cert.pem" ]; then
    say "making a test CA, server and client certificates in $TLS_SRC"
    install -d -m 700 "$TLS_SRC"
    new_ca "$TLS_SRC/ca" "fleetdeck test CA"
    issue_cert 127.0.0.1 "$TLS_SRC/ca" "$TLS_SRC/server" \
      "$(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth')"
    issue_cert "fleetdeck test client" "$TLS_SRC/ca" "$TLS_SRC/client" "extendedKeyUsage=clientAuth"
    # A client certificate from another CA: the daemon must refuse it.
    new_ca "$TLS_SRC/wrong-ca" "not the fleetdeck test CA"
    issue_cert "wrong client" "$TLS_SRC/wrong-ca" "$TLS_SRC/wrong-client" "extendedKeyUsage=clientAuth"
  fi
  mkdir -p "$STATE/tls"
  cp "$TLS_SRC"/{ca,client-cert,client-key,wrong-ca,wrong-client-cert,wrong-client-key}.pem "$STATE/tls/"
}

bridge_up() {
  ip link show "$DOCKER2_BRIDGE" >/dev/null 2>&1 && return
  ip link add name "$DOCKER2_BRIDGE" type bridge
  ip addr add "$DOCKER2_BRIDGE_CIDR" dev "$DOCKER2_BRIDGE"
  ip link set "$DOCKER2_BRIDGE" up
  echo bridge2 >>"$STATE/started"
}

docker2_up() {
  if docker2_answers; then
    tls_answers || { say "a dockerd answers on $DOCKER2_SOCK but not with TLS on 127.0.0.1:$TLS_PORT and the certificates in $TLS_SRC; stop it (kill \$(cat $RUN/docker2.pid)) and run up again"; exit 1; }
    say "second dockerd already answers on $DOCKER2_SOCK and 127.0.0.1:$TLS_PORT (reused)"; return
  fi
  [ "$(id -u)" -eq 0 ] || { say "the second dockerd needs root to start; run the tests as root"; exit 1; }
  mkdir -p "$RUN" "$VAR/docker2"
  clear_stale_daemon_pids "$RUN/docker2-exec" "$RUN/docker2.pid"
  bridge_up
  say "starting a second dockerd on $DOCKER2_SOCK and tcp://127.0.0.1:$TLS_PORT (TLS)"
  nohup dockerd --host "unix://$DOCKER2_SOCK" --host "tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert "$TLS_SRC/ca.pem" --tlscert "$TLS_SRC/server-cert.pem" --tlskey "$TLS_SRC/server-key.pem" \
    --data-root "$VAR/docker2" --exec-root "$RUN/docker2-exec" --pidfile "$RUN/docker2.pid" \
    --bridge "$DOCKER2_BRIDGE" --iptables=false --ip6tables=false >>"$STATE/dockerd2.log" 2>&1 &
  for _ in $(seq 1 60); do
    if docker2_answers && tls_answers; then
      # `docker2-start` (a test restarting it after an outage) passes "restart": the daemon stays the harness's, so this
      # checkout's `down` (npm test's exit) must not stop it for everyone else.
      [ "${1:-}" = restart ] || grep -qx dockerd2 "$STATE/started" 2>/dev/null || echo dockerd2 >>"$STATE/started"
      return
    fi
    sleep 0.5
  done
  say "the second dockerd did not answer within 30 s; see $STATE/dockerd2.log"; tail -n 20 "$STATE/dockerd2.log" >&2; exit 1
}

docker2_stop() {
  [ -f "$RUN/docker2.pid" ] || return 0
  local pid; pid="$(cat "$RUN/docker2.pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  say "the second dockerd (pid $pid) did not stop within 10 s"; return 1
}

ssh_material() {
  if [ ! -s "$SSH_SRC/client-wrong" ]; then
    say "making an sshd host key and client keys in $SSH_SRC"
    install -d -m 700 "$SSH_SRC"
    ssh-keygen -q -t ed25519 -N '' -C "fleetdeck test host" -f "$SSH_SRC/host_ed25519"
    ssh-keygen -q -t ed25519 -N '' -C "fleetdeck test client" -f "$SSH_SRC/client"
    ssh-keygen -q -t ed25519 -N 'fleetdeck-test-passphrase' -C "fleetdeck test client (passphrase)" -f "$SSH_SRC/client-passphrase"
    ssh-keygen -q -t ed25519 -N '' -C "a key the server does not know" -f "$SSH_SRC/client-wrong"
    cat "$SSH_SRC/client.pub" "$SSH_SRC/client-passphrase.pub" >"$SSH_SRC/authorized_keys"
  fi
  cat >"$SSH_SRC/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSH_SRC/host_ed25519
PidFile $RUN/sshd.pid
AuthorizedKeysFile $SSH_SRC/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
SetEnv DOCKER_HOST=unix://$DOCKER2_SOCK
CONF
  mkdir -p "$STATE/ssh"
  cp "$SSH_SRC"/{client,client-passphrase,client-wrong} "$STATE/ssh/"
  chmod 600 "$STATE/ssh"/*
}

ssh_answers() {
  ssh -q -i "$SSH_SRC/client" -p "$SSH_PORT" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 root@127.0.0.1 'docker version --format "{{.Server.Version}}"' >/dev/null 2>&1
}

sshd_up() {
  if ssh_answers; then say "sshd already answers on 127.0.0.1:$SSH_PORT (reused)"; return; fi
  mkdir -p /run/sshd
  say "starting sshd on 127.0.0.1:$SSH_PORT"
  /usr/sbin/sshd -f "$SSH_SRC/sshd_config" -E "$STATE/sshd.log" || { tail -n 20 "$STATE/sshd.log" >&2; exit 1; }
  for _ in $(seq 1 20); do
    ssh_answers && { echo sshd >>"$STATE/started"; return; }
    sleep 0.25
  done
  say "sshd on 127.0.0.1:$SSH_PORT does not reach the second dockerd; see $STATE/sshd.log"; tail -n 20 "$STATE/sshd.log" >&2; exit 1
}

hosts_env() {
  local fingerprint
  fingerprint="$(ssh-keygen -l -E sha256 -f "$SSH_SRC/host_ed25519.pub" | awk '{print $2}')"
  cat <<ENV
export FLEETDECK_TEST_DOCKER2_HOST="unix://$DOCKER2_SOCK"
export FLEETDECK_TEST_DOCKER_TLS_HOST="tcp://127.0.0.1:$TLS_PORT"
export FLEETDECK_TEST_DOCKER_TLS_CA="$STATE/tls/ca.pem"
export FLEETDECK_TEST_DOCKER_TLS_CERT="$STATE/tls/client-cert.pem"
export FLEETDECK_TEST_DOCKER_TLS_KEY="$STATE/tls/client-key.pem"
export FLEETDECK_TEST_DOCKER_TLS_WRONG_CA="$STATE/tls/wrong-ca.pem"
export FLEETDECK_TEST_DOCKER_TLS_WRONG_CERT="$STATE/tls/wrong-client-cert.pem"
export FLEETDECK_TEST_DOCKER_TLS_WRONG_KEY="$STATE/tls/wrong-client-key.pem"
export FLEETDECK_TEST_SSH_HOST="ssh://root@127.0.0.1:$SSH_PORT"
export FLEETDECK_TEST_SSH_KEY="$STATE/ssh/client"
export FLEETDECK_TEST_SSH_PASSPHRASE_KEY="$STATE/ssh/client-passphrase"
export FLEETDECK_TEST_SSH_PASSPHRASE="fleetdeck-test-passphrase"
export FLEETDECK_TEST_SSH_WRONG_KEY="$STATE/ssh/client-wrong"
export FLEETDECK_TEST_SSH_HOST_KEY_SHA256="$fingerprint"
ENV
}

hosts_down() {
  if grep -qx sshd "$STATE/started" && [ -f "$RUN/sshd.pid" ]; then
    say "stopping sshd"; kill "$(cat "$RUN/sshd.pid")" 2>/dev/null || true
  fi
  if grep -qx dockerd2 "$STATE/started"; then say "stopping the second dockerd"; docker2_stop || true; fi
  if grep -qx bridge2 "$STATE/started" && ! docker2_answers; then ip link delete "$DOCKER2_BRIDGE" 2>/dev/null || true; fi
}
