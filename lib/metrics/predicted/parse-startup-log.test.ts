import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../../bench/calibration/load";
import { GIB } from "../../vocabulary/units";
import { bookedOverheads, parseStartupLog } from "./parse-startup-log";

/** Real start-up lines from the calibration corpus (bench/calibration/cases, each with its source). */
const corpus = loadCorpus();
type Field = keyof (typeof corpus)[number]["logged"];
/** Cases that logged `field` in the engine's own words (`label` as printed); prose about a run is left out. */
const withField = (field: Field, label: string) =>
  corpus.filter((c) => c.logged[field] !== undefined && c.logLines.some((l) => l.includes(label)));

describe("parseStartupLog on real engine logs", () => {
  it("reads 'Available KV cache memory' as vLLM sizes the cache by (the smallest rank)", () => {
    const cases = withField("availableKvGiB", "Available KV cache memory:");
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const facts = parseStartupLog(c.logLines);
      expect(facts.availableKvBytes, c.id).toBeDefined();
      expect(facts.availableKvBytes! / GIB, c.id).toBeCloseTo(c.logged.availableKvGiB!, 2);
    }
  });

  it("reads 'GPU KV cache size' in tokens, commas and all (the first line where a case holds several runs)", () => {
    const cases = withField("kvCacheTokens", "GPU KV cache size:");
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const printed = c.logLines
        .filter((l) => l.includes("GPU KV cache size:"))
        .map((l) => Number(/([\d,]+) tokens/.exec(l)![1]!.replace(/,/g, "")));
      const parsed = parseStartupLog(c.logLines).kvCacheTokens;
      expect(parsed, c.id).toBe(printed[0]);
      expect(printed, c.id).toContain(c.logged.kvCacheTokens);
      if (new Set(printed).size === 1) expect(parsed, c.id).toBe(c.logged.kvCacheTokens);
    }
  });

  it("reads V0's GPU blocks, the maximum concurrency and the weights", () => {
    for (const c of withField("gpuBlocks", "# GPU blocks:"))
      expect(parseStartupLog(c.logLines).gpuBlocks, c.id).toBe(c.logged.gpuBlocks);
    const concurrency = withField("maxConcurrency", "Maximum concurrency for");
    expect(concurrency.length).toBeGreaterThan(5);
    for (const c of concurrency) {
      const facts = parseStartupLog(c.logLines);
      expect(facts.maxConcurrency, c.id).toBe(c.logged.maxConcurrency);
      expect(facts.maxConcurrencyForTokens, c.id).toBe(c.logged.maxConcurrencyForTokens);
    }
    for (const c of [
      ...withField("weightsGiB", "Model loading took"),
      ...withField("weightsGiB", "Loading model weights took"),
    ])
      expect(parseStartupLog(c.logLines).weightsBytes! / GIB, c.id).toBeCloseTo(c.logged.weightsGiB!, 3);
  });

  it("reads the engine's own activation and non-torch figures, in each release's words", () => {
    const nonTorch = [
      ...withField("nonTorchGiB", "non_torch_memory"),
      ...withField("nonTorchGiB", "GiB for non-torch memory"),
    ];
    const activation = [
      ...withField("activationPeakGiB", "activation peak memory"),
      ...withField("activationPeakGiB", "GiB for peak activation"),
    ];
    expect(nonTorch.length).toBeGreaterThanOrEqual(5);
    expect(activation.length).toBeGreaterThanOrEqual(5);
    for (const c of nonTorch)
      expect(parseStartupLog(c.logLines).nonTorchBytes! / GIB, c.id).toBeCloseTo(c.logged.nonTorchGiB!, 3);
    for (const c of activation)
      expect(parseStartupLog(c.logLines).activationBytes! / GIB, c.id).toBeCloseTo(c.logged.activationPeakGiB!, 3);
  });

  it("derives the booked overheads from 0.6.4's peak and 0.11+'s consumed memory, less the weights", () => {
    const v064 = parseStartupLog([
      "INFO 12-07 17:39:09 worker.py:237] Loading model weights took 14.99 GB",
      "INFO 12-07 17:39:09 worker.py:237] Memory profiling results: duration=39.11 seconds, total_gpu_memory=44.98GiB, initial_memory_usage=15.23GiB, peak_torch_memory=16.20GiB, memory_usage_post_profile=15.46GiB, non_torch_memory=0.44GiB, kv_cache_size=23.84GiB, gpu_memory_utilization=0.90.",
    ]);
    expect(v064.availableKvBytes).toBe(Math.round(23.84 * GIB));
    expect(bookedOverheads(v064)).toEqual({
      activationBytes: Math.round(16.2 * GIB) - Math.round(14.99 * GIB),
      nonTorchBytes: Math.round(0.44 * GIB),
    });
    const v027 = parseStartupLog([
      "(EngineCore pid=14790) INFO 08-22 20:25:12 [model_runner.py:329] Model loading took 0.93 GiB and 2.060686 seconds",
      "(EngineCore pid=14790) INFO 08-22 20:25:15 [gpu_worker.py:789] Free memory on device (22.45/23.99 GiB) on startup. Desired GPU memory utilization is (0.85, 20.39 GiB). Actual usage is 1.25 GiB for consumed memory (weights + non-torch), 0.08 GiB for peak activation, and 0.28 GiB for CUDAGraph memory. Current kv cache memory in use is 19.06 GiB.",
    ]);
    expect(bookedOverheads(v027)).toEqual({
      activationBytes: Math.round(0.08 * GIB),
      nonTorchBytes: Math.round(1.25 * GIB) - Math.round(0.93 * GIB),
    });
    expect(v027.cudaGraphBytes).toBe(Math.round(0.28 * GIB));
    expect(v027.availableKvBytes).toBeUndefined();
    expect(v027.kvInUseBytes).toBe(Math.round(19.06 * GIB));
    const v010 = parseStartupLog([
      "INFO 11-20 11:37:03 [gpu_worker.py:391] Free memory on device (21.91/22.16 GiB) on startup. Desired GPU memory utilization is (0.8661508568217998, 19.19 GiB). Actual usage is 8.96 GiB for weight, 1.23 GiB for peak activation, 0.02 GiB for non-torch memory, and 1.12 GiB for CUDAGraph memory. Current kv cache memory in use is 9642210816 bytes.",
    ]);
    expect(v010).toMatchObject({
      weightsBytes: Math.round(8.96 * GIB),
      activationBytes: Math.round(1.23 * GIB),
      nonTorchBytes: Math.round(0.02 * GIB),
      cudaGraphBytes: Math.round(1.12 * GIB),
      kvInUseBytes: 9_642_210_816,
    });
    // A ledger without weights leaves the derived figures unknown rather than guessed.
    expect(
      bookedOverheads(parseStartupLog(["Actual usage is 56.89 GiB for consumed memory (weights + non-torch)"])),
    ).toEqual({
      activationBytes: undefined,
      nonTorchBytes: undefined,
    });
  });

  it("reads TGI's KV-cache blocks and max batch total tokens", () => {
    const cases = withField("maxBatchTotalTokens", "Setting max batch total tokens to");
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases)
      expect(parseStartupLog(c.logLines).maxBatchTotalTokens, c.id).toBe(c.logged.maxBatchTotalTokens);
    for (const c of withField("kvCacheBlocks", "KV-cache blocks:")) {
      const facts = parseStartupLog(c.logLines);
      expect([facts.kvCacheBlocks, facts.kvCacheBlockSize], c.id).toEqual([
        c.logged.kvCacheBlocks,
        c.logged.kvCacheBlockSize,
      ]);
    }
  });

  it("reads the simulator's lines (the same wording) and ignores everything else", () => {
    const facts = parseStartupLog([
      "INFO 12-01 22:40:01 [gpu_model_runner.py:2007] Model loading took 5.2032 GiB and 1.500000 seconds",
      "INFO 12-01 22:40:01 [gpu_worker.py:298] Available KV cache memory: 15.12 GiB",
      "(EngineCore_DP0 pid=1) INFO 12-01 22:40:01 [kv_cache_utils.py:1087] GPU KV cache size: 283,520 tokens",
      "INFO 12-01 22:40:02 [gpu_model_runner.py:3480] Graph capturing finished in 1 secs, took 0.52 GiB",
      "INFO 12-01 22:40:03 [api_server.py:1] Available KV cache memory is a fine thing to log",
      "nothing",
    ]);
    expect(facts).toEqual({
      weightsBytes: Math.round(5.2032 * GIB),
      availableKvBytes: Math.round(15.12 * GIB),
      kvCacheTokens: 283_520,
      cudaGraphBytes: Math.round(0.52 * GIB),
    });
    expect(parseStartupLog([])).toEqual({});
  });
});
