/**
 * Simulator image benchmark: image size, and cold start of a simulated vLLM container (create → start →
 * /health answers, FLEETDECK_SIM_LOAD_SECONDS=0; goal < 1 s) side by side with the baseline, a plain
 * `docker run` of the same image running a trivial command (node -e 0: create → start → exit). Also the
 * child-process cold start the embedded host will use (spawn node sim.mjs → /health). Medians over
 * BENCH_RUNS (default 7). Daemon: FLEETDECK_TEST_DOCKER_HOST, DOCKER_HOST, else the test socket.
 * Run: npx tsx bench/sim-image.ts → prints a table, writes bench/results/sim-image.json.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { bundleSim } from "../sim/build/bundle";
import { buildSimImage, SIM_IMAGE } from "../sim/build/image";
import { dockerReachable, TEST_DOCKER_HOST, testDocker, waitForHealth } from "../sim/test-support/docker";
import { spread } from "./stats";

function wholeFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name}=${JSON.stringify(raw)}: give a whole number from ${min} to ${max} (default ${fallback})`);
  return n;
}

const RUNS = wholeFromEnv("BENCH_RUNS", 7, 1, 100);
const docker = testDocker();
const MODEL_ARGS = ["vllm", "serve", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--max-model-len", "8192"];
const ENV = ["FLEETDECK_SIM_LOAD_SECONDS=0", "FLEETDECK_SIM_GPU=RTX 4090D"];

async function simContainerToHealth(): Promise<number> {
  const t0 = performance.now();
  const container = await docker.createContainer({
    Image: SIM_IMAGE,
    Cmd: MODEL_ARGS,
    Env: ENV,
    ExposedPorts: { "8000/tcp": {} },
    HostConfig: { PortBindings: { "8000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
  });
  try {
    await container.start();
    const port = (await container.inspect()).NetworkSettings.Ports["8000/tcp"]?.[0]?.HostPort;
    await waitForHealth(`http://127.0.0.1:${port}/health`, 30_000);
    return performance.now() - t0;
  } finally {
    await container.remove({ force: true });
  }
}

async function trivialRun(): Promise<number> {
  const t0 = performance.now();
  const container = await docker.createContainer({
    Image: SIM_IMAGE,
    Entrypoint: ["/usr/bin/node", "-e", "0"],
    Cmd: [],
  });
  try {
    await container.start();
    await container.wait();
    return performance.now() - t0;
  } finally {
    await container.remove({ force: true });
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

async function childProcessToHealth(bundle: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bundle, ...MODEL_ARGS, "--port", String(port)], {
    env: Object.fromEntries(ENV.map((e) => e.split("="))),
    stdio: "ignore",
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, 30_000);
    return performance.now() - t0;
  } finally {
    child.kill("SIGTERM");
  }
}

async function main() {
  const unreachable = await dockerReachable(docker);
  if (unreachable) throw new Error(unreachable);
  const image = await buildSimImage({ docker });
  const work = mkdtempSync(join(tmpdir(), "sim-bench-"));
  const bundle = await bundleSim(join(work, "sim.mjs"));
  const sim: number[] = [];
  const baseline: number[] = [];
  const child: number[] = [];
  await simContainerToHealth(); // warm the daemon's caches
  for (let run = 0; run < RUNS; run++) {
    baseline.push(await trivialRun());
    sim.push(await simContainerToHealth());
    child.push(await childProcessToHealth(bundle.path));
  }
  rmSync(work, { recursive: true, force: true });
  const result = {
    benchmark: "sim-image",
    when: new Date().toISOString(),
    node: process.version,
    daemon: TEST_DOCKER_HOST,
    runs: RUNS,
    image: {
      tag: image.tag,
      sizeBytes: image.sizeBytes,
      sizeMiB: +(image.sizeBytes / 2 ** 20).toFixed(1),
      goalMiB: 150,
      bundleBytes: bundle.bytes,
    },
    coldStartMs: {
      simContainerToHealth: spread(sim, 1),
      baselineDockerRunTrivial: spread(baseline, 1),
      simOverBaselineMedianMs: +(spread(sim, 1).median - spread(baseline, 1).median).toFixed(1),
      childProcessToHealth: spread(child, 1),
      goalMs: 1000,
    },
  };
  writeFileSync("bench/results/sim-image.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(`image ${result.image.sizeMiB} MiB (goal < 150), bundle ${(bundle.bytes / 1024).toFixed(0)} KiB`);
  console.log("cold start, ms            min   median  p95    max");
  for (const [name, s] of [
    ["sim container → /health", result.coldStartMs.simContainerToHealth],
    ["docker run node -e 0", result.coldStartMs.baselineDockerRunTrivial],
    ["child process → /health", result.coldStartMs.childProcessToHealth],
  ] as const) {
    console.log(
      `${name.padEnd(26)}${String(s.min).padStart(6)} ${String(s.median).padStart(7)} ${String(s.p95).padStart(6)} ${String(s.max).padStart(6)}`,
    );
  }
}

main().catch((error) => {
  console.error(`bench/sim-image.ts: ${(error as Error).message}`);
  process.exit(1);
});
