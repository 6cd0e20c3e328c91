import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackServer {
  url: string;
  port: number;
  /** Accept headers of the requests received so far. */
  accepts: string[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 and a free port, answering with `handler`. */
export async function startLoopbackServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  path = "/metrics",
): Promise<LoopbackServer> {
  const accepts: string[] = [];
  const server = http.createServer((req, res) => {
    accepts.push(String(req.headers.accept));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    accepts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then closed). */
export async function deadPort(): Promise<number> {
  const s = await startLoopbackServer(() => {});
  await s.close();
  return s.port;
}
