import { rmSync } from "node:fs";
import net from "node:net";

/**
 * A unix socket that forwards to a Docker daemon's socket and can be cut and restored: to fleetdeck the host behind
 * it becomes unreachable (a network partition) while its containers keep running, and nobody else's tests on the
 * shared daemon notice.
 */
export class SocketProxy {
  private server: net.Server | undefined;
  private readonly open = new Set<net.Socket>();

  constructor(
    readonly path: string,
    private readonly target: string,
  ) {}

  get url(): string {
    return `unix://${this.path}`;
  }

  async start(): Promise<void> {
    rmSync(this.path, { force: true });
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on("close", () => this.open.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(this.path, resolve));
    this.server = server;
  }

  /** Cuts every connection and stops answering. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.open) s.destroy();
    this.open.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }
}
