import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { ADMIN_STATE, BASE_URL, E2E_DATA_DIR, E2E_DB } from "../../playwright.config";
import { startNodeExporter } from "../../lib/metrics/testing/node-exporter-process";
import { type SimProcess, SimHost } from "../../lib/metrics/testing/sim-host";
import { stopLayout } from "../stop-layout";

/**
 * A simulated GPU host for the browser tests, the seed's 2×2: Qwen2.5-7B GPTQ-Int4 on 4× RTX 4090D as two vLLM
 * instances of TP 2, run as simulator child processes with the host's gpu-exporter and Debian's node_exporter.
 * The host and the layout are registered in the e2e server's database and the layout is applied through the API;
 * the endpoints reach the server through its static targets file ($FLEETDECK_DATA_DIR/metrics-targets.json).
 * AFTER THE APPLY STREAM MERGES: apply the layout to a local-sim host and let the reconciler start these engines.
 */
export const MODEL = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";

export interface SimFleet {
  hostId: string;
  hostName: string;
  layoutId: string;
  layoutName: string;
  revisionId: string;
  instanceIds: Record<"qwen-a" | "qwen-b", string>;
  engines: Record<"qwen-a" | "qwen-b", SimProcess>;
  exporter: SimProcess;
  host: SimHost;
  writeTargets(): void;
  restartExporter(): Promise<void>;
  dispose(): Promise<void>;
}

const now = () => new Date().toISOString().replace("Z", "+00:00");

function seed(suffix: string) {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  const hostId = randomUUID();
  const hostName = `sim-4090d-${suffix}`;
  const t = now();
  db.prepare(
    `INSERT INTO host (id, name, endpoint, labels, status, ramBytes, cpuCores, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'unknown', ?, 16, ?, ?)`,
  ).run(
    hostId,
    hostName,
    "unix:///run/fleetdeck-test/docker.sock",
    JSON.stringify({ team: "sim" }),
    64 * 2 ** 30,
    t,
    t,
  );
  for (let index = 0; index < 4; index++)
    db.prepare(
      `INSERT INTO gpu (id, hostId, "index", name, memoryBytes) VALUES (?, ?, ?, 'NVIDIA GeForce RTX 4090 D', ?)`,
    ).run(randomUUID(), hostId, index, 24_564 * 2 ** 20);
  const layoutId = randomUUID();
  const layoutName = `seed-2x2-${suffix}`;
  const document = {
    schemaVersion: 1,
    name: layoutName,
    hosts: [
      {
        id: hostName,
        name: hostName,
        ramBytes: 64 * 2 ** 30,
        cpuCores: 16,
        labels: { team: "sim" },
        gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d" })),
      },
    ],
    instances: (["qwen-a", "qwen-b"] as const).map((id, n) => ({
      id,
      engine: "vllm",
      engineVersion: "0.11.0",
      model: MODEL,
      tp: 2,
      placement: { hostId: hostName, gpuIndices: [2 * n, 2 * n + 1] },
    })),
  };
  db.prepare(`INSERT INTO layout (id, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)`).run(layoutId, layoutName, t, t);
  const revisionId = randomUUID();
  db.prepare(
    `INSERT INTO layout_revision (id, layoutId, number, document, note, createdAt) VALUES (?, ?, 1, ?, 'seed 2×2', ?)`,
  ).run(revisionId, layoutId, JSON.stringify(document), t);
  db.close();
  return { hostId, hostName, layoutId, layoutName, revisionId };
}

function instanceIdsOf(layoutId: string): Record<"qwen-a" | "qwen-b", string> {
  const db = new Database(E2E_DB, { readonly: true });
  const rows = db.prepare(`SELECT id, instanceKey FROM instance WHERE layoutId = ?`).all(layoutId) as {
    id: string;
    instanceKey: string;
  }[];
  db.close();
  return Object.fromEntries(rows.map((r) => [r.instanceKey, r.id])) as Record<"qwen-a" | "qwen-b", string>;
}

/** Seeds, applies (as the signed-in admin of `request`) and starts the simulated 2×2. */
export async function startSimFleet(request: APIRequestContext, suffix: string): Promise<SimFleet> {
  const seeded = seed(suffix);
  const applied = await request.post(`/api/v1/revisions/${seeded.revisionId}/apply`, { headers: { origin: BASE_URL } });
  if (!applied.ok()) throw new Error(`apply failed: ${applied.status()} ${await applied.text()}`);
  const instanceIds = instanceIdsOf(seeded.layoutId);
  const host = new SimHost({ gpu: "RTX 4090D", gpuCount: 4, name: seeded.hostName });
  const [a, b, exporter, node] = await Promise.all([
    host.vllm("qwen-a", MODEL, [0, 1], ["--tensor-parallel-size", "2"]),
    host.vllm("qwen-b", MODEL, [2, 3], ["--tensor-parallel-size", "2"]),
    host.exporter(),
    startNodeExporter(),
  ]);
  const engines = { "qwen-a": a, "qwen-b": b };
  let gpuExporter = exporter;
  const writeTargets = () => {
    const file = join(E2E_DATA_DIR, "metrics-targets.json");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        instances: (["qwen-a", "qwen-b"] as const).map((key) => ({
          instanceId: instanceIds[key],
          endpoint: engines[key].url,
          logFile: engines[key].logFile,
        })),
        hosts: [{ hostId: seeded.hostId, gpuExporterUrl: `${gpuExporter.url}/metrics`, nodeExporterUrl: node.url }],
      }),
    );
  };
  writeTargets();
  await untilServerReadsTargets(request, Object.values(instanceIds));
  const fleet: SimFleet = {
    ...seeded,
    instanceIds,
    engines,
    get exporter() {
      return gpuExporter;
    },
    host,
    writeTargets,
    restartExporter: async () => {
      gpuExporter = await host.exporter(gpuExporter.port);
    },
    dispose: async () => {
      await Promise.all([host.dispose(), node.stop()]);
      writeFileSync(join(E2E_DATA_DIR, "metrics-targets.json"), "{}");
      // Later specs count what runs: nothing of this layout is left wanting to run.
      const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: ADMIN_STATE });
      await stopLayout(api, seeded.layoutId, "the sim fleet's layout").finally(() => api.dispose());
    },
  };
  return fleet;
}

/**
 * The server keeps its inventory (database + targets file) for up to a second: a page rendered in that second would
 * show the instances without their endpoints, and the Metrics page's frame is rendered once. Waits until service
 * discovery lists every instance's target, so every later read has them.
 */
async function untilServerReadsTargets(request: APIRequestContext, instanceIds: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await request.get("/api/prometheus/sd");
    const groups = res.ok() ? ((await res.json()) as { labels: Record<string, string> }[]) : [];
    const listed = new Set(groups.map((g) => g.labels.fleetdeck_instance));
    if (instanceIds.every((id) => listed.has(id))) return;
    if (Date.now() > deadline)
      throw new Error(`the server did not list the sim fleet's targets within 30 s (last answer ${res.status()})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Real streamed requests straight to an engine (load the charts can see), ending after `seconds`. */
export async function sendLoad(endpoint: string, seconds: number, concurrency = 12): Promise<void> {
  const until = Date.now() + seconds * 1000;
  const worker = async (n: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const res = await fetch(`${endpoint}/v1/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: MODEL,
          prompt: `load ${n}.${i} `.repeat(200),
          max_tokens: 300,
          ignore_eos: true,
          stream: false,
        }),
      }).catch(() => null);
      await res?.text();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, n) => worker(n)));
}
