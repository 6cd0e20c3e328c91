/**
 * Click to healthy for one simulator instance: from the apply action's call (what the Apply button runs) until the
 * reconciler records the replica healthy, beside a raw `docker run` of the same container (the exact line the
 * instance page shows) then polling its /health, alternating in the same run (goal: ≤ 1.2× the raw run).
 * The reconciler runs as in the server: its timer, the actions' nudges, Docker events and the health watch.
 * Needs `scripts/test-env.sh up` and fleetdeck-sim:latest on the test daemon.
 *   node --conditions=react-server --import tsx bench/click-to-healthy.ts
 * Env: BENCH_RUNS (default 5), BENCH_LOAD_SECONDS (the simulator's load time, default 2).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { freePort } from "@/lib/runtime/testing/docker-test-hosts";
import { seedLayout, startHarness } from "@/lib/runtime/testing/reconciler-harness";
import { testHosts } from "@/lib/runtime/testing/test-env";
import { spread } from "./stats";

const envNumber = (name: string, fallback: number, min: number, max: number, whole: boolean) => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value)))
    throw new Error(`${name} is "${raw}": expected ${whole ? "a whole number" : "a number"} from ${min} to ${max}`);
  return value;
};
const RUNS = envNumber("BENCH_RUNS", 5, 1, 50, true);
const LOAD_SECONDS = envNumber("BENCH_LOAD_SECONDS", 2, 0, 60, false);
const POLL_MS = 20;

const h = await startHarness({ simLoadSeconds: LOAD_SECONDS, needs: [1] });
const { db } = await import("@/lib/queries/db");
const { onRuntimeNudge } = await import("@/lib/server/runtime-nudge");
const { applyRevision } = await import("@/lib/actions/instances/apply-revision");
const { stopLayout } = await import("@/lib/actions/instances/stop-layout");
const { describeReplicas } = await import("@/lib/runtime/describe-replicas");
onRuntimeNudge(() => h.reconciler.nudge());
h.reconciler.start();
const docker = testHosts().docker;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function viaFleetdeck(run: number) {
  const base = await seedLayout(`click ${run}`);
  const { layoutId, revisionId } = await h.saveLayout({
    ...base,
    instances: [{ ...base.instances[0]!, port: await freePort() }],
  });
  const started = performance.now();
  const applied = await h.as(h.admin, () => applyRevision({ revisionId }));
  if (!applied.ok) throw new Error(applied.error);
  for (;;) {
    const replica = await db().instanceReplica.findFirst({ where: { instance: { layoutId } } });
    if (replica?.state === "healthy") break;
    if (replica?.state === "exited" || replica?.state === "failed")
      throw new Error(`${replica.state}: ${replica.detail}`);
    await sleep(POLL_MS);
  }
  const ms = performance.now() - started;
  const instance = await db().instance.findFirstOrThrow({ where: { layoutId }, include: { replicas: true } });
  const [described] = await describeReplicas({
    ...instance,
    replicas: instance.replicas.map((r) => ({ ...r, gpuIndices: JSON.parse(r.gpuIndices) as number[] })),
  });
  // Stopped with SIGTERM, the simulator frees its GPUs in the host's state directory before the next run starts.
  const stopped = await h.as(h.admin, () => stopLayout({ layoutId }));
  if (!stopped.ok) throw new Error(stopped.error);
  while ((await db().instanceReplica.findFirst({ where: { instance: { layoutId } } }))?.state !== "stopped")
    await sleep(100);
  return { ms, dockerRun: described!.dockerRun!, port: instance.replicas[0]!.hostPort! };
}

async function viaDockerCli(dockerRun: string, run: number) {
  const port = await freePort();
  const name = `fd-bench-raw-${run}-${process.pid}`;
  const line = dockerRun
    .replace(/--name \S+/, `--name ${name}`)
    .replace(/-p \d+:/, `-p ${port}:`)
    .replace(/--label fleetdeck\.installation=\S+/, "--label fleetdeck.bench=raw")
    .replace("NVIDIA_VISIBLE_DEVICES=0,1", "NVIDIA_VISIBLE_DEVICES=2,3");
  const started = performance.now();
  execFileSync("bash", ["-c", `docker -H ${docker} ${line.replace(/^docker /, "")} >/dev/null`]);
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(POLL_MS);
  }
  const ms = performance.now() - started;
  execFileSync("bash", [
    "-c",
    `docker -H ${docker} stop ${name} >/dev/null && docker -H ${docker} rm ${name} >/dev/null`,
  ]);
  return ms;
}

try {
  const ours: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const mine = await viaFleetdeck(run);
    const theirs = await viaDockerCli(mine.dockerRun, run);
    if (run === 0) continue; // warm-up: image layers and the daemon's caches
    ours.push(mine.ms);
    raw.push(theirs);
  }
  const o = spread(ours, 0);
  const r = spread(raw, 0);
  const result = {
    bench: "click-to-healthy",
    machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    runs: RUNS,
    simLoadSeconds: LOAD_SECONDS,
    instance: "the seed's qwen7b-int4-1 (vLLM, TP 2, GPTQ-Int4) on fleetdeck-sim:latest",
    fleetdeckMs: o,
    dockerRunAndPollMs: r,
    ratioOfMedians: Math.round((o.median / r.median) * 100) / 100,
    goalRatio: 1.2,
    note: "fleetdeck: apply action → nudge → pass creates and starts → health watch probes /health every 100 ms → pass records healthy (polled every 20 ms in the database); raw: docker run of the same line, GET /health every 20 ms",
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/click-to-healthy.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await h.cleanup();
  process.exit();
}
