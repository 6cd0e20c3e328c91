import { describe, expect, it } from "vitest";
import { buckets125, metricsFor } from "./metric-defs";

const names = (version: string, hidden = false) => metricsFor(version, hidden).map((d) => d.name);

describe("vLLM's metric names by release", () => {
  it("0.8/0.9 V1: gpu_cache_usage_perc and time_per_output_token_seconds", () => {
    expect(names("0.8.5")).toEqual(
      expect.arrayContaining([
        "vllm:gpu_cache_usage_perc",
        "vllm:gpu_prefix_cache_queries",
        "vllm:time_per_output_token_seconds",
      ]),
    );
    expect(names("0.8.5")).not.toContain("vllm:kv_cache_usage_perc");
    expect(names("0.8.5")).not.toContain("vllm:inter_token_latency_seconds");
  });

  it("0.10.2: the old and new names side by side, the old ones marked DEPRECATED", () => {
    const defs = metricsFor("0.10.2");
    expect(defs.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        "vllm:gpu_cache_usage_perc",
        "vllm:kv_cache_usage_perc",
        "vllm:time_per_output_token_seconds",
        "vllm:inter_token_latency_seconds",
      ]),
    );
    expect(defs.find((d) => d.name === "vllm:time_per_output_token_seconds")!.help).toContain(
      "DEPRECATED: Use vllm:inter_token_latency_seconds instead.",
    );
  });

  it("0.11: only the new names, unless hidden metrics are shown", () => {
    expect(names("0.11.0")).not.toContain("vllm:gpu_cache_usage_perc");
    expect(names("0.11.0")).not.toContain("vllm:time_per_output_token_seconds");
    expect(names("0.11.0", true)).toEqual(
      expect.arrayContaining(["vllm:gpu_cache_usage_perc", "vllm:time_per_output_token_seconds"]),
    );
    expect(new Set(names("0.11.0", true)).size).toBe(names("0.11.0", true).length);
  });

  it("token-count histograms use build_1_2_5_buckets up to max_model_len", () => {
    expect(buckets125(100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(buckets125(32768).at(-1)).toBe(20000);
  });
});
