/**
 * Serves N synthetic targets (bench/metrics-synthetic-exposition.ts) on N loopback ports from one process, for the
 * metrics ingest bench. Prints {"ports":[…],"seriesPerTarget":…} on its first stdout line, then serves until killed.
 * Never compresses (both scrapers ask for gzip; both get plain text, so neither pays for decompression).
 * Run: npx tsx bench/metrics-targets-server.ts 500
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SyntheticTarget } from "./metrics-synthetic-exposition";

const count = Number(process.argv[2] ?? 500);
if (!Number.isInteger(count) || count < 1 || count > 2000) {
  console.error(`targets must be a whole number from 1 to 2000 (got ${process.argv[2]})`);
  process.exit(2);
}

const ports: number[] = [];
const targets: SyntheticTarget[] = [];
for (let i = 0; i < count; i++) {
  const target = new SyntheticTarget(i);
  targets.push(target);
  const server = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    res.end(target.render());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.stdout.write(
  `${JSON.stringify({ ports, seriesPerTarget: targets.reduce((n, t) => n + t.seriesCount, 0) / count })}\n`,
);
