import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../../bench/calibration/load";
import { GIB } from "../../vocabulary/units";
import { parseStartupLog } from "./parse-startup-log";

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
