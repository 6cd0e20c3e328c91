/**
 * `npm run bench`: every benchmark in sequence, each writing bench/results/<name>.json beside its baseline.
 * `npm run bench -- --page` adds the designer page benchmark (builds and starts its own server, ~3 min).
 * metrics-ingest runs the embedded scraper and then Debian's Prometheus for 150 s each (~6 min in all).
 */
import { spawnSync } from "node:child_process";

const BENCHES = [
  "calibration",
  "activation-vs-h100",
  "budget",
  "derive",
  "place",
  "share-link",
  "host-poll",
  "sim-image",
  "click-to-healthy",
  "reconcile",
  "metrics-query",
  "metrics-query-api",
  "metrics-store-memory",
  "metrics-ingest",
];
/**
 * Node flags a bench needs: server code (`import "server-only"`) resolves it as React's server build does;
 * metrics-store-memory forces full GCs to measure live bytes.
 */
const NODE_ARGS: Record<string, string[]> = {
  "host-poll": ["--conditions=react-server"],
  "click-to-healthy": ["--conditions=react-server"],
  reconcile: ["--conditions=react-server"],
  "metrics-query-api": ["--conditions=react-server"],
  "metrics-store-memory": ["--expose-gc"],
};
const names = process.argv.includes("--page") ? [...BENCHES, "designer-page"] : BENCHES;

let failed = 0;
for (const name of names) {
  console.log(`\n== bench/${name}.ts`);
  const run = spawnSync(process.execPath, [...(NODE_ARGS[name] ?? []), "--import", "tsx", `bench/${name}.ts`], {
    stdio: "inherit",
  });
  if (run.status !== 0) {
    failed += 1;
    console.error(`bench/${name}.ts exited with ${run.status ?? run.signal}`);
  }
}
process.exit(failed ? 1 : 0);
