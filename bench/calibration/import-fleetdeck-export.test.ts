import { describe, expect, it } from "vitest";
import type { InstanceComparison, PredictedVsActual } from "../../lib/metrics/predicted/export-format";
import { unevidencedFigures } from "./evidence";
import { importFleetdeckExport } from "./import-fleetdeck-export";
import { loadCorpus } from "./load";

/** A real vLLM start-up from the corpus (its lines verbatim), as a fleetdeck export would carry it. */
const real = loadCorpus().find((c) => c.id === "vllm-0.10.2-qwen3-14b-len32768-lmcache")!;

const instance = (over: Partial<InstanceComparison>): InstanceComparison => ({
  instanceId: "7f9c",
  instanceKey: "qwen3-14b",
  layoutName: "prod",
  revisionId: "rev-3",
  engine: "vllm",
  engineVersion: "0.10.2",
  model: "Qwen/Qwen3-14B",
  hostId: "h1",
  hostName: "gpu-node-1",
  gpuIndices: [0],
  gpu: { name: "H100 SXM 80GB", gpuId: "h100-sxm", memoryBytes: 85_520_809_984, count: 1 },
  settings: {
    tp: 1,
    gpuMemoryUtilization: 0.9,
    maxModelLen: 32768,
    maxNumSeqs: 256,
    maxNumBatchedTokens: 8192,
    quantization: null,
    kvCacheDtype: "auto",
    blockSize: 16,
    enforceEager: false,
    cudaMemoryFraction: null,
  },
  simulated: false,
  sharedGpu: false,
  terms: [],
  startupLogLines: real.logLines,
  problems: [],
  ...over,
});

const doc = (instances: InstanceComparison[]): PredictedVsActual => ({
  format: "fleetdeck.predicted-vs-actual",
  version: 1,
  exportedAt: "2026-12-01T10:00:00.000Z",
  mode: "embedded",
  instances,
  problems: [],
});

describe("importFleetdeckExport", () => {
  it("turns a real engine's export into a usable case whose figures its lines carry", () => {
    const { cases, skipped } = importFleetdeckExport(doc([instance({})]), {
      source: "https://fleet.example.com/metrics",
    });
    expect(skipped).toEqual([]);
    const c = cases[0]!;
    expect(c).toMatchObject({
      id: "fleetdeck-vllm-0.10.2-qwen-qwen3-14b-h100-sxm-tp1-qwen3-14b",
      engine: "vllm",
      usable: true,
      split: "holdout",
      model: { id: "Qwen/Qwen3-14B", catalogId: "Qwen/Qwen3-14B" },
      settings: { tensorParallelSize: 1, gpuMemoryUtilization: 0.9, maxModelLen: 32768, blockSize: 16 },
    });
    // the same figures the corpus copied by hand from these lines
    expect(c.logged).toEqual(real.logged);
    expect(unevidencedFigures(c)).toEqual([]);
  });

  it("keeps simulated engines out of the fit, and skips instances without log lines", () => {
    const sim = instance({
      instanceId: "s1",
      instanceKey: "seed-int4",
      simulated: true,
      startupLogLines: [
        "(EngineCore_DP0 pid=9) INFO 12-01 22:40:01 [gpu_worker.py:298] Available KV cache memory: 15.14 GiB",
        "(EngineCore_DP0 pid=9) INFO 12-01 22:40:01 [kv_cache_utils.py:1087] GPU KV cache size: 283,520 tokens",
      ],
    });
    const { cases, skipped } = importFleetdeckExport(
      doc([sim, instance({ instanceId: "empty", startupLogLines: [] })]),
      {
        source: "https://fleet.example.com/metrics",
      },
    );
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      usable: false,
      whyNot: expect.stringContaining("simulated"),
      logged: { availableKvGiB: 15.14, kvCacheTokens: 283_520 },
    });
    expect(unevidencedFigures(cases[0]!)).toEqual([]);
    expect(skipped).toEqual([{ instanceId: "empty", why: "the export has no start-up log lines for it" }]);
  });

  it("refuses a document that is not an export, naming the field", () => {
    expect(() => importFleetdeckExport({ format: "other", version: 1 }, { source: "https://x.example" })).toThrow(
      /format/,
    );
    expect(() => importFleetdeckExport(doc([instance({})]), { source: "http://not-https.example" })).toThrow(/source/);
  });
});
