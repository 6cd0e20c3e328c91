import "server-only";
import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
// ssh2 is CommonJS: its default export works under Node ESM (benches, CLI) as well as bundlers.
import ssh2, { type Client, type ClientChannel, type ConnectConfig, type ParsedKey } from "ssh2";
import type { ConnectionProgress } from "./connection-progress";
import type { DockerEndpoint } from "./endpoint-schema";

type SshEndpoint = Extract<DockerEndpoint, { kind: "ssh" }>;
type Callback = (err: Error | null, stream: Duplex) => void;

/** "SHA256:" + unpadded base64, as `ssh-keygen -l -E sha256` prints a host key. */
export const sshFingerprint = (key: Buffer) =>
  `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;

/**
 * An HTTP agent whose connections are `docker system dial-stdio` channels of one SSH connection (pure-JS ssh2),
 * what the docker CLI does for ssh:// hosts. One SSH handshake serves every request until it drops; docker-modem's
 * own ssh agent would open a new SSH connection for every request.
 */
export class SshDialAgent extends http.Agent {
  private connection?: Promise<Client>;

  constructor(
    private readonly endpoint: SshEndpoint,
    private readonly key: ParsedKey,
    private readonly progress: ConnectionProgress,
    private readonly readyTimeoutMs: number,
  ) {
    super({ keepAlive: false });
  }

  override createConnection(_options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const done = callback ?? (() => {});
    this.connect()
      .then((client) => this.dial(client))
      .then(
        (channel) => done(null, channel),
        (error: Error) => done(error, undefined as unknown as Duplex),
      );
    return undefined;
  }

  override destroy(): void {
    super.destroy();
    void this.connection?.then(
      (client) => client.end(),
      () => {},
    );
    this.connection = undefined;
  }

  private connect(): Promise<Client> {
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private open(): Promise<Client> {
    const { host, port, user, hostKeySha256 } = this.endpoint;
    const progress = this.progress;
    progress.stage = net.isIP(host) ? "connecting" : "resolving";
    const sock = net.connect({ host, port });
    sock.once("lookup", () => (progress.stage = "connecting"));
    sock.once("connect", () => (progress.stage = "connected"));
    return new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      client
        .once("handshake", () => (progress.stage = "secured"))
        .once("ready", () => {
          progress.stage = "authenticated";
          resolve(client);
        })
        .once("error", reject)
        .on("error", () => {}) // later errors surface on the channels
        .once("close", () => {
          if (this.connection) this.connection = undefined;
        });
      client.connect({
        sock,
        username: user,
        // The key decrypted once in loadSshKey: an auth method object takes a parsed key as it is.
        authHandler: [{ type: "publickey", username: user, key: this.key }] as unknown as ConnectConfig["authHandler"],
        readyTimeout: this.readyTimeoutMs,
        hostVerifier: (key: Buffer) => {
          progress.hostKeySha256 = sshFingerprint(key);
          progress.hostKeyMismatch = hostKeySha256 !== undefined && progress.hostKeySha256 !== hostKeySha256;
          return !progress.hostKeyMismatch;
        },
      });
    });
  }

  private dial(client: Client): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      client.exec("docker system dial-stdio", (error, channel) => {
        if (error) return reject(error);
        const progress = this.progress;
        progress.stage = "established";
        progress.remoteError = undefined;
        let stderr = "";
        // stderr arrives before the channel closes, so a failed request finds it already recorded.
        channel.stderr.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString()).slice(-2000);
          progress.remoteError = stderr.trim();
        });
        channel.once("exit", (code: number | null) => {
          if (code) progress.remoteError = `${stderr.trim() || "no message"} (exit code ${code})`;
        });
        resolve(channel);
      });
    });
  }
}
