import { z } from "zod";
import { isLoopbackHost } from "./loopback";

/**
 * A Docker endpoint as a person enters it: a URL plus, for tcp://, TLS client credentials and, for ssh://, a private
 * key. PEM strings are secrets: messages name the field but never echo its value.
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/;

const pem = (field: string, kind: "certificate" | "private key") =>
  z.string().refine(
    (text) => {
      const label = PEM_BLOCK.exec(text)?.[1] ?? "";
      return kind === "certificate" ? label === "CERTIFICATE" : label.endsWith("PRIVATE KEY");
    },
    `${field} is not a PEM ${kind}: paste the whole file, from "-----BEGIN ${kind === "certificate" ? "CERTIFICATE" : "… PRIVATE KEY"}-----" to its END line`,
  );

export const tlsCredentialsSchema = z.object({
  caPem: pem("tls.caPem (the CA that signed the daemon's certificate)", "certificate"),
  certPem: pem("tls.certPem (the client certificate)", "certificate"),
  keyPem: pem("tls.keyPem (the client certificate's key)", "private key"),
});

export const sshCredentialsSchema = z.object({
  privateKeyPem: pem("ssh.privateKeyPem", "private key"),
  passphrase: z.string().min(1).optional(),
  /** The server's host key as `ssh-keygen -l -E sha256` prints it ("SHA256:…"); when set, any other key is refused. */
  hostKeySha256: z
    .string()
    .regex(
      /^SHA256:[A-Za-z0-9+/]{43}$/,
      'ssh.hostKeySha256 must look like "SHA256:" and 43 base64 characters, as `ssh-keygen -l -E sha256 -f key.pub` prints it',
    )
    .optional(),
});

export type TlsCredentials = z.infer<typeof tlsCredentialsSchema>;
export type SshCredentials = z.infer<typeof sshCredentialsSchema>;

export type DockerEndpoint =
  | { kind: "unix"; url: string; socketPath: string }
  | { kind: "tcp"; url: string; host: string; port: number; tls?: TlsCredentials }
  | ({ kind: "ssh"; url: string; user: string; host: string; port: number } & SshCredentials);

const FORMS =
  "unix:///var/run/docker.sock, tcp://host:2376 with TLS certificates, or ssh://user@host[:port] with a private key";

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function parsePort(url: URL, fallback: number): number {
  return url.port ? Number(url.port) : fallback;
}

/** URL hosts keep IPv6 brackets ("[::1]"); sockets want them bare. */
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, "$1");

const inputSchema = z.object({
  url: z.string().trim().min(1, `url is empty: give ${FORMS}`),
  tls: tlsCredentialsSchema.optional(),
  ssh: sshCredentialsSchema.optional(),
});

export type DockerEndpointInput = z.input<typeof inputSchema>;

export const dockerEndpointSchema = inputSchema.transform((input, ctx): DockerEndpoint => {
  const issue = (path: string[], message: string) => {
    ctx.addIssue({ code: "custom", path, message, input: input.url });
    return z.NEVER;
  };
  const url = parseUrl(input.url);
  const scheme = url?.protocol.replace(/:$/, "");
  if (!url || !scheme || !["unix", "tcp", "ssh"].includes(scheme)) {
    return issue(["url"], `url is "${input.url}": expected ${FORMS}`);
  }
  if (scheme !== "tcp" && input.tls)
    return issue(
      ["tls"],
      `url is "${input.url}": TLS certificates apply to tcp:// endpoints only; remove them or use tcp://host:2376`,
    );
  if (scheme !== "ssh" && input.ssh)
    return issue(
      ["ssh"],
      `url is "${input.url}": an SSH key applies to ssh:// endpoints only; remove it or use ssh://user@host`,
    );

  if (scheme === "unix") {
    const socketPath = url.host ? `/${url.host}${url.pathname}` : url.pathname;
    if (!url.pathname.startsWith("/") || url.host || socketPath === "/")
      return issue(
        ["url"],
        `url is "${input.url}": a unix endpoint is unix:// followed by an absolute path, e.g. unix:///var/run/docker.sock`,
      );
    return { kind: "unix", url: input.url, socketPath };
  }

  const host = bareHost(url.hostname);
  if (!host)
    return issue(
      ["url"],
      `url is "${input.url}": it names no host; write ${scheme}://host${scheme === "tcp" ? ":2376" : ""}`,
    );
  if (url.port && !(Number(url.port) >= 1 && Number(url.port) <= 65535))
    return issue(["url"], `url is "${input.url}": port ${url.port} is not between 1 and 65535`);

  if (scheme === "tcp") {
    if (!input.tls && !isLoopbackHost(host)) {
      return issue(
        ["url"],
        `url is "${input.url}" without TLS: a Docker daemon on plain TCP lets anyone who can reach ${host} run containers as root there. ` +
          `Start dockerd with --tlsverify and give its CA, a client certificate and key (tcp://${host}:2376), or use ssh://user@${host}; plain TCP is allowed on loopback only`,
      );
    }
    return { kind: "tcp", url: input.url, host, port: parsePort(url, input.tls ? 2376 : 2375), tls: input.tls };
  }

  const user = decodeURIComponent(url.username);
  if (!user) return issue(["url"], `url is "${input.url}": it names no user; write ssh://user@${host}`);
  if (url.password)
    return issue(
      ["url"],
      `url is "${input.url}": a password in the URL is not accepted; remove it and give a private key`,
    );
  if (!input.ssh)
    return issue(
      ["ssh", "privateKeyPem"],
      `url is "${input.url}": an ssh:// endpoint needs ssh.privateKeyPem, the private key of a user whose key the host accepts`,
    );
  return { kind: "ssh", url: input.url, user, host, port: parsePort(url, 22), ...input.ssh };
});

export function parseDockerEndpoint(input: DockerEndpointInput): DockerEndpoint {
  return dockerEndpointSchema.parse(input);
}
