import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GIB } from "../../vocabulary/units";
import { createMetricsBackend, type MetricsBackend } from "../create-metrics-source";
import type { MetricsInventory } from "../targets/inventory";
import { scrapeTargetsOf } from "../targets/scrape-targets-of";
import { SimHost } from "../testing/sim-host";
import { predictedVsActualSchema, type PredictedVsActual } from "./export-format";
import { gatherPredictedVsActual } from "./gather-predicted";
import { readStartupLogFile } from "./read-startup-log-file";

/**
 * Predicted vs actual on a simulated host: the simulator (which never imports the estimator) sizes itself, logs
 * it, reports it in cache_config_info and through its gpu-exporter; fleetdeck plans the same instances with
 * lib/budget. The errors are real differences between two models.
 */
const host = new SimHost({ gpu: "RTX 4090D", gpuCount: 2, name: "sim-predicted" });
let backend: MetricsBackend;
let inventory: MetricsInventory;
let doc: PredictedVsActual;

beforeAll(async () => {
  const [vllm, tgi, exporter] = await Promise.all([
    host.vllm("qwen-int4", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", [0], ["--max-model-len", "8192"]),
    host.tgi(
      "qwen-small",
      "Qwen/Qwen2.5-1.5B-Instruct",
      [1],
      ["--max-total-tokens", "4096", "--max-input-tokens", "2048"],
    ),
    host.exporter(),
  ]);
  const base = {
    layoutId: "l",
    layoutName: "seed",
    revisionId: "r1",
    hostId: "h",
    hostName: "sim-predicted",
    hostLabels: {},
  };
  inventory = {
    hosts: [
      {
        id: "h",
        name: "sim-predicted",
        labels: {},
        gpuExporterUrl: `${exporter.url}/metrics`,
        nodeExporterUrl: null,
        gpus: [0, 1].map((index) => ({ index, name: "NVIDIA GeForce RTX 4090 D", memoryBytes: 24_564 * 2 ** 20 })),
      },
    ],
    instances: [
      {
        ...base,
        id: "i-vllm",
        instanceKey: "qwen-int4",
        engine: "vllm",
        model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
        gpuIndices: [0],
        desiredState: "running",
        observedState: "running",
        spec: {
          id: "qwen-int4",
          engine: "vllm",
          engineVersion: "0.11.0",
          model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
          maxModelLen: 8192,
        },
        plannedGpu: { gpuId: "rtx-4090d" },
        replicas: [
          { replica: 0, endpoint: vllm.url, state: "healthy", hostId: "h", gpuIndices: [0], logFile: vllm.logFile },
        ],
      },
      {
        ...base,
        id: "i-tgi",
        instanceKey: "qwen-small",
        engine: "tgi",
        model: "Qwen/Qwen2.5-1.5B-Instruct",
        gpuIndices: [1],
        desiredState: "running",
        observedState: "running",
        spec: {
          id: "qwen-small",
          engine: "tgi",
          model: "Qwen/Qwen2.5-1.5B-Instruct",
          tgi: { maxTotalTokens: 4096, maxInputTokens: 2048 },
        },
        plannedGpu: { gpuId: "rtx-4090d" },
        replicas: [
          { replica: 0, endpoint: tgi.url, state: "healthy", hostId: "h", gpuIndices: [1], logFile: tgi.logFile },
        ],
      },
    ],
  };
  backend = createMetricsBackend({ targets: () => scrapeTargetsOf(inventory), intervalMs: 1000 });
  await backend.start();
  // the engines publish what they hold every 500 ms; the exporter reads it
  await new Promise((r) => setTimeout(r, 1200));
  await backend.embedded!.scraper.scrapeAll();
  doc = await gatherPredictedVsActual(backend.source, inventory, readStartupLogFile);
}, 90_000);

afterAll(async () => {
  await backend?.stop();
  await host.dispose();
});

const term = (instanceId: string, name: string) =>
  doc.instances.find((i) => i.instanceId === instanceId)!.terms.find((t) => t.term === name)!;

describe("gatherPredictedVsActual on simulated engines", () => {
  it("is a valid export document with one row per running instance", () => {
    expect(predictedVsActualSchema.parse(doc)).toEqual(doc);
    expect(doc.problems).toEqual([]);
    expect(doc.instances.map((i) => [i.instanceKey, i.simulated, i.sharedGpu])).toEqual([
      ["qwen-int4", true, false],
      ["qwen-small", true, false],
    ]);
  });

  it("puts vLLM's logged KV memory, cache_config blocks and the exporter's GPU memory next to the plan", () => {
    const used = term("i-vllm", "gpuMemoryUsed");
    expect(used.actualSource).toBe("gpu-exporter");
    // the simulator fills gmu 0.9 of the card plus context and CUDA graphs
    expect(used.actual! / GIB).toBeGreaterThan(20);
    expect(used.predicted! / GIB).toBeGreaterThan(20);
    expect(Number.isFinite(used.errorPercent)).toBe(true);
    const kv = term("i-vllm", "availableKv");
    expect(kv.actualSource).toBe("startup-log");
    expect(kv.actual! / GIB).toBeGreaterThan(10);
    expect(kv.errorPercent).toBeCloseTo(((kv.predicted! - kv.actual!) / kv.actual!) * 100, 6);
    expect(term("i-vllm", "blockSize")).toMatchObject({
      predicted: 16,
      actual: 16,
      errorPercent: 0,
      actualSource: "cache-config-info",
    });
    const blocks = term("i-vllm", "kvBlocks");
    expect(blocks.actualSource).toBe("cache-config-info");
    expect(blocks.actual! * 16).toBe(term("i-vllm", "kvCacheTokens").actual);
    expect(term("i-vllm", "weights").actual! / GIB).toBeCloseTo(5.2, 1);
    // the engine's memory ledger line ("Actual usage is … for peak activation, … for non-torch memory") gives both
    for (const name of ["activation", "nonTorch"]) {
      const t = term("i-vllm", name);
      expect(t.actualSource, name).toBe("startup-log");
      expect(t.actual, name).toBeGreaterThan(0);
      expect(Number.isFinite(t.errorPercent), name).toBe(true);
    }
    // TGI prints no such ledger: shown, with no actual
    expect(term("i-tgi", "activation")).toMatchObject({ actual: null, errorPercent: null, actualSource: null });
    expect(doc.instances[0]!.startupLogLines.some((l) => l.includes("Available KV cache memory:"))).toBe(true);
  });

  it("reads TGI's token budget from its log", () => {
    const tokens = term("i-tgi", "kvCacheTokens");
    expect(tokens.actualSource).toBe("startup-log");
    expect(tokens.actual).toBeGreaterThan(4096);
    expect(term("i-tgi", "gpuMemoryUsed").actual).toBeGreaterThan(0);
  });
});
