/**
 * Health polling of 50 hosts: one poll round's wall time against the per-host timeout (goal: ≤ timeout + 100 ms),
 * beside the baseline of checking the same hosts one after another in the same run.
 * Hosts: the real test daemons of scripts/test-env.sh (unix ×2, TCP+TLS, SSH) and fake Docker APIs on loopback
 * (fast, slow, hung past the timeout) plus dead ports. Needs `scripts/test-env.sh up` first.
 * Env: BENCH_ROUNDS (default 5), BENCH_TIMEOUT_MS (default 1000).
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { closeDockerClients } from "@/lib/runtime/docker/client-cache";
import { parseDockerEndpoint, type DockerEndpointInput } from "@/lib/runtime/docker/endpoint-schema";
import { createHealthPoller, type PolledHost } from "@/lib/runtime/health/poller";
import { testHosts } from "@/lib/runtime/testing/test-env";
import { spread } from "./stats";

function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} is "${raw}": expected a whole number from ${min} to ${max}`);
  return value;
}

const ROUNDS = envInt("BENCH_ROUNDS", 5, 1, 100);
const TIMEOUT_MS = envInt("BENCH_TIMEOUT_MS", 1000, 100, 10_000);
const MIX = { fast: 33, slow: 6, slowDelayMs: 200, hung: 3, dead: 4 };

async function deadPorts(count: number): Promise<string[]> {
  const ports = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<number>((resolve) => {
          const server = net.createServer().listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
          });
        }),
    ),
  );
  return ports.map((port) => `tcp://127.0.0.1:${port}`);
}

async function startFakes() {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/fake-docker-hosts.ts",
      String(MIX.fast),
      String(MIX.slow),
      String(MIX.slowDelayMs),
      String(MIX.hung),
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("\n")) resolve(buffer.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`fake hosts exited with ${code}`)));
  });
  return {
    urls: JSON.parse(line) as { fast: string[]; slow: string[]; hung: string[] },
    stop: () => child.stdin.end(),
  };
}

function realHosts(): Array<{ kind: string; input: DockerEndpointInput }> {
  const h = testHosts();
  return [
    { kind: "real", input: { url: h.docker } },
    { kind: "real", input: { url: h.docker2 } },
    {
      kind: "real",
      input: { url: h.tls.url, tls: { caPem: h.tls.caPem, certPem: h.tls.certPem, keyPem: h.tls.keyPem } },
    },
    { kind: "real", input: { url: h.ssh.url, ssh: { privateKeyPem: h.ssh.keyPem } } },
  ];
}

async function timeRounds(hosts: PolledHost[], concurrency: number, rounds: number) {
  const poller = createHealthPoller({
    hosts: () => hosts,
    intervalMs: TIMEOUT_MS * 2,
    timeoutMs: TIMEOUT_MS,
    concurrency,
    onChange: () => {},
  });
  await poller.pollOnce(); // warm-up: connections, SSH handshake
  const wallMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    await poller.pollOnce();
    wallMs.push(performance.now() - t0);
  }
  const states = [...poller.snapshot().values()];
  return {
    wallMs,
    reachable: states.filter((s) => s.state === "reachable").length,
    unreachable: states.filter((s) => s.state === "unreachable").length,
  };
}

const fakes = await startFakes();
try {
  const entries = [
    ...realHosts(),
    ...fakes.urls.fast.map((url) => ({ kind: "fast", input: { url } })),
    ...fakes.urls.slow.map((url) => ({ kind: "slow", input: { url } })),
    ...fakes.urls.hung.map((url) => ({ kind: "hung", input: { url } })),
    ...(await deadPorts(MIX.dead)).map((url) => ({ kind: "dead", input: { url } })),
  ];
  const hosts: PolledHost[] = entries.map((entry, i) => ({
    id: `${entry.kind}-${i}`,
    endpoint: parseDockerEndpoint(entry.input),
  }));
  const parallel = await timeRounds(hosts, 64, ROUNDS);
  const sequential = await timeRounds(hosts, 1, Math.min(ROUNDS, 2));
  const goalMs = TIMEOUT_MS + 100;
  const result = {
    bench: "host-poll",
    machine: { cpus: os.cpus().length, node: process.version },
    hosts: {
      total: hosts.length,
      real: 4,
      fast: MIX.fast,
      slow: MIX.slow,
      slowDelayMs: MIX.slowDelayMs,
      hungPastTimeout: MIX.hung,
      deadPorts: MIX.dead,
    },
    timeoutMs: TIMEOUT_MS,
    goalMs,
    parallel: {
      concurrency: 64,
      rounds: ROUNDS,
      wallMs: spread(parallel.wallMs, 1),
      meetsGoal: Math.max(...parallel.wallMs) <= goalMs,
      reachable: parallel.reachable,
      unreachable: parallel.unreachable,
    },
    baselineSequential: { concurrency: 1, rounds: sequential.wallMs.length, wallMs: spread(sequential.wallMs, 1) },
    speedup: Math.round((spread(sequential.wallMs, 1).median / spread(parallel.wallMs, 1).median) * 10) / 10,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/host-poll.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  if (parallel.reachable !== 4 + MIX.fast + MIX.slow)
    throw new Error(
      `expected ${4 + MIX.fast + MIX.slow} reachable hosts, got ${parallel.reachable}: is scripts/test-env.sh up?`,
    );
} finally {
  fakes.stop();
  closeDockerClients();
}
