import type { ConnectionProgress } from "./connection-progress";
import type { DockerEndpoint } from "./endpoint-schema";
import { tlsFailure } from "./tls-failure";

/** The step of reaching a Docker daemon that failed, in the order they happen. */
export type FailureStep =
  | "credentials"
  | "dns"
  | "tcp"
  | "socket"
  | "tls"
  | "ssh-host-key"
  | "ssh-auth"
  | "ssh"
  | "remote-docker"
  | "api";

export const STEP_IN_WORDS: Record<FailureStep, string> = {
  credentials: "loading the credentials",
  dns: "DNS lookup",
  tcp: "TCP connection",
  socket: "connection to the unix socket",
  tls: "TLS handshake",
  "ssh-host-key": "SSH host key check",
  "ssh-auth": "SSH authentication",
  ssh: "SSH connection",
  "remote-docker": "docker on the SSH host",
  api: "Docker API",
};

export interface ConnectionFailure {
  step: FailureStep;
  /** What went wrong, with the host or path and the error's own words. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** The error code when there was one (ECONNREFUSED, ERR_SSL_…, HTTP 404). */
  code?: string;
  timedOut: boolean;
}

export interface FailureContext {
  endpoint: DockerEndpoint;
  progress: ConnectionProgress;
  timedOut: boolean;
  timeoutMs: number;
}

type ErrorLike = Error & { code?: string; level?: string; statusCode?: number; reason?: string; json?: unknown };

const where = (endpoint: DockerEndpoint) =>
  endpoint.kind === "unix" ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`;

const fail = (step: FailureStep, message: string, fix: string, code?: string, timedOut = false): ConnectionFailure => ({
  step,
  message,
  fix,
  code,
  timedOut,
});

export function describeFailure(error: unknown, context: FailureContext): ConnectionFailure {
  const { endpoint, progress } = context;
  if (context.timedOut) return timeoutFailure(context);
  const err = (error instanceof Error ? error : new Error(String(error))) as ErrorLike;
  if (err.name === "CredentialsError")
    return fail("credentials", err.message, (err as ErrorLike & { fix: string }).fix);
  if (endpoint.kind === "ssh" && progress.hostKeyMismatch) {
    return fail(
      "ssh-host-key",
      `${endpoint.host} presented host key ${progress.hostKeySha256}, not the pinned ${endpoint.hostKeySha256}`,
      "if the host was reinstalled, check the new key on its console (ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_ed25519_key.pub) and update ssh.hostKeySha256; otherwise the connection may be intercepted",
      "HOST_KEY_MISMATCH",
    );
  }
  return (
    networkFailure(err, endpoint) ??
    tlsFailure(err, endpoint) ??
    sshFailure(err, context) ??
    httpFailure(err, endpoint) ??
    fallback(err, context)
  );
}

function timeoutFailure({ endpoint, progress, timeoutMs }: FailureContext): ConnectionFailure {
  const at = where(endpoint);
  const after = `within ${timeoutMs} ms`;
  switch (progress.stage) {
    case "resolving":
      return fail(
        "dns",
        `no DNS answer for ${at.replace(/:\d+$/, "")} ${after}`,
        "check the host name and this machine's DNS resolver",
        "ETIMEOUT",
        true,
      );
    case "connecting":
      return endpoint.kind === "unix"
        ? fail(
            "socket",
            `the socket ${at} did not accept a connection ${after}`,
            "the daemon is overloaded or hung; check it on the host (systemctl status docker)",
            "ETIMEOUT",
            true,
          )
        : fail(
            "tcp",
            `no TCP answer from ${at} ${after}`,
            "the host is down, the port is wrong, or a firewall drops the packets; check the host and that dockerd/sshd listens on that port",
            "ETIMEOUT",
            true,
          );
    case "connected":
      return endpoint.kind === "ssh"
        ? fail(
            "ssh",
            `${at} accepted TCP but the SSH handshake did not finish ${after}`,
            "check that sshd listens on that port (not another service)",
            "ETIMEOUT",
            true,
          )
        : fail(
            "tls",
            `${at} accepted TCP but the TLS handshake did not finish ${after}`,
            "check that this is the daemon's --tlsverify port",
            "ETIMEOUT",
            true,
          );
    case "secured":
      return fail(
        "ssh-auth",
        `SSH authentication at ${at} did not finish ${after}`,
        "check the SSH server's logs (auth.log) on the host",
        "ETIMEOUT",
        true,
      );
    case "authenticated":
      return fail(
        "remote-docker",
        `SSH to ${at} works but starting \`docker system dial-stdio\` there did not finish ${after}`,
        "check that the docker CLI runs on the host for that user",
        "ETIMEOUT",
        true,
      );
    case "established":
      return fail(
        "api",
        `the Docker daemon at ${at} took the request but did not answer ${after}`,
        "the daemon is overloaded or hung; check it on the host (systemctl status docker, journalctl -u docker)",
        "ETIMEOUT",
        true,
      );
  }
}

function networkFailure(err: ErrorLike, endpoint: DockerEndpoint): ConnectionFailure | undefined {
  const at = where(endpoint);
  const code = err.code ?? "";
  if (err.level === "client-dns" || ["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME"].includes(code)) {
    const host = endpoint.kind === "unix" ? at : endpoint.host;
    return fail(
      "dns",
      `the name ${host} does not resolve (${code || err.message})`,
      "check the spelling of the host, or use its IP address",
      code,
    );
  }
  if (endpoint.kind === "unix") {
    if (code === "ENOENT")
      return fail(
        "socket",
        `there is no socket at ${at}`,
        "is dockerd running on this machine? Check the path (dockerd --host unix://…, default /var/run/docker.sock)",
        code,
      );
    if (code === "ECONNREFUSED")
      return fail(
        "socket",
        `nothing listens on the socket ${at} (the file is left from a daemon that stopped)`,
        "start dockerd, or check the path",
        code,
      );
    if (code === "EACCES" || code === "EPERM")
      return fail(
        "socket",
        `permission denied on ${at}`,
        "run fleetdeck as root or as a user in the socket's group (usually docker)",
        code,
      );
    return undefined;
  }
  if (code === "ECONNREFUSED")
    return fail(
      "tcp",
      `${at} refused the connection: nothing listens on port ${endpoint.port}`,
      endpoint.kind === "ssh"
        ? "check that sshd runs on the host and the port is right"
        : "check that dockerd listens there (dockerd -H tcp://0.0.0.0:2376 --tlsverify …) and the port is right",
      code,
    );
  if (["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"].includes(code)) {
    return fail(
      "tcp",
      `${at} cannot be reached (${code})`,
      "the host is down or no route leads to it; check the address, the network and firewalls",
      code,
    );
  }
  return undefined;
}

function sshFailure(err: ErrorLike, { endpoint, progress }: FailureContext): ConnectionFailure | undefined {
  if (endpoint.kind !== "ssh") return undefined;
  const at = where(endpoint);
  if (err.level === "client-authentication") {
    return fail(
      "ssh-auth",
      `${at} accepted none of our keys for user ${endpoint.user} (${err.message})`,
      `add the public key of ssh.privateKeyPem to ~${endpoint.user}/.ssh/authorized_keys on ${endpoint.host}, or check the user name`,
      "SSH_AUTH",
    );
  }
  if (
    progress.stage === "established" &&
    (progress.remoteError || /hang up|ECONNRESET|Unable to exec/i.test(`${err.code} ${err.message}`))
  ) {
    const said = progress.remoteError ? `: ${progress.remoteError}` : " without a message";
    return fail(
      "remote-docker",
      `SSH to ${at} works but \`docker system dial-stdio\` failed there${said}`,
      `make sure the docker CLI is installed on ${endpoint.host}, that ${endpoint.user} may use the daemon's socket (docker group), and that the daemon runs`,
      "REMOTE_DOCKER",
    );
  }
  if (
    err.level === "client-socket" ||
    err.level === "protocol" ||
    err.level === "handshake" ||
    err.level === "client-timeout"
  ) {
    return fail(
      "ssh",
      `the SSH connection to ${at} failed (${err.message})`,
      "check that sshd listens on that port and accepts modern key exchange and host key types",
      err.code ?? "SSH",
    );
  }
  return undefined;
}

function httpFailure(err: ErrorLike, endpoint: DockerEndpoint): ConnectionFailure | undefined {
  if (typeof err.statusCode !== "number") return undefined;
  const at = where(endpoint);
  const body =
    typeof err.json === "object" && err.json && "message" in err.json
      ? String((err.json as { message: unknown }).message)
      : (err.reason ?? "");
  const code = `HTTP ${err.statusCode}`;
  if (err.statusCode === 400 && /HTTPS server/i.test(`${err.message} ${body}`)) {
    return fail(
      "api",
      `${at} speaks TLS and our request was plain HTTP`,
      "give the daemon's CA, a client certificate and key (tls)",
      code,
    );
  }
  if (err.statusCode === 404)
    return fail(
      "api",
      `${at} answered HTTP 404 for the Docker API: it is not a Docker daemon`,
      "check the port: dockerd listens on 2376 (TLS) or 2375 by convention",
      code,
    );
  if (err.statusCode === 401 || err.statusCode === 403)
    return fail(
      "api",
      `the daemon at ${at} refused the request (${code}${body ? `: ${body}` : ""})`,
      "an authorization plugin or proxy in front of the daemon refuses it; check its rules",
      code,
    );
  return fail(
    "api",
    `the daemon at ${at} answered ${code}${body ? `: ${body}` : ""}`,
    "check the daemon's log on the host (journalctl -u docker)",
    code,
  );
}

function fallback(err: ErrorLike, { endpoint, progress }: FailureContext): ConnectionFailure {
  const at = where(endpoint);
  const beforeApi = progress.stage !== "established";
  const step: FailureStep = beforeApi
    ? endpoint.kind === "unix"
      ? "socket"
      : endpoint.kind === "ssh"
        ? "ssh"
        : "tcp"
    : "api";
  if (err.code?.startsWith("HPE_")) {
    return fail(
      "api",
      `${at} did not answer in HTTP (${err.message}): it is not a Docker daemon`,
      "check the port: another service (sshd, a TLS port?) listens there",
      err.code,
    );
  }
  const words = err.code ? `${err.code}: ${err.message}` : err.message;
  const fix = beforeApi
    ? "check that the host is up and the address is right"
    : "check that the endpoint is a Docker daemon and its log on the host";
  return fail(step, `${STEP_IN_WORDS[step]} to ${at} failed (${words})`, fix, err.code);
}
