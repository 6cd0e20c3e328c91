import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny HTTP server that answers the three calls fleetdeck's health check and "Test connection" make (/_ping,
 * /version, /info) the way dockerd does, for tests and the polling bench: many cheap "hosts" on loopback.
 */
export interface FakeDockerdOptions {
  /** Added before every answer. */
  delayMs?: number;
  apiVersion?: string;
  /** Answer every path with 404, like a web server that is not Docker. */
  notDocker?: boolean;
}

export interface FakeDockerd {
  url: string;
  port: number;
  requests: number;
  close(): Promise<void>;
}

const VERSION = (apiVersion: string) => ({
  Version: "27.5.1",
  ApiVersion: apiVersion,
  MinAPIVersion: "1.24",
  Os: "linux",
  Arch: "amd64",
  KernelVersion: "6.8.0-fake",
});

const INFO = {
  Name: "fake-gpu-host",
  OperatingSystem: "Ubuntu 22.04.4 LTS",
  OSType: "linux",
  KernelVersion: "6.8.0-fake",
  Architecture: "x86_64",
  NCPU: 64,
  MemTotal: 540_000_000_000,
  CgroupDriver: "systemd",
  CgroupVersion: "2",
  Driver: "overlay2",
  DefaultRuntime: "runc",
  Runtimes: { runc: { path: "runc" }, nvidia: { path: "nvidia-container-runtime" } },
};

export async function startFakeDockerd({
  delayMs = 0,
  apiVersion = "1.47",
  notDocker = false,
}: FakeDockerdOptions = {}): Promise<FakeDockerd> {
  const sockets = new Set<import("node:net").Socket>();
  const fake = { requests: 0 } as FakeDockerd;
  const server = http.createServer((req, res) => {
    fake.requests += 1;
    const answer = () => {
      const path = (req.url ?? "").replace(/^\/v\d+\.\d+/, "").split("?")[0];
      if (notDocker) return res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>");
      const headers = {
        "api-version": apiVersion,
        "content-type": "application/json",
        server: "Docker/27.5.1 (linux)",
      };
      if (path === "/_ping") return res.writeHead(200, { ...headers, "content-type": "text/plain" }).end("OK");
      if (path === "/version") return res.writeHead(200, headers).end(JSON.stringify(VERSION(apiVersion)));
      if (path === "/info") return res.writeHead(200, headers).end(JSON.stringify(INFO));
      res.writeHead(404, headers).end(JSON.stringify({ message: `page not found: ${path}` }));
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  fake.url = `tcp://127.0.0.1:${port}`;
  fake.port = port;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return fake;
}
