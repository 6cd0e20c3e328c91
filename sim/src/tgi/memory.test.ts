import { describe, expect, it } from "vitest";
import { buildHost, lookupGpu } from "../gpu/host";
import { resolveModel } from "../model/resolve";
import { parseTgiArgs } from "./args";
import { tgiSettings } from "./config";
import { sizeTgiMemory } from "./memory";

const gpus = buildHost(
  "h",
  Array.from({ length: 4 }, () => lookupGpu("RTX 4090D", "GPU")),
  false,
).gpus;

function size(args: string[], version = "3.3.5") {
  const parsed = parseTgiArgs(args, version, {});
  if (!parsed.ok) throw new Error(parsed.message);
  const resolved = resolveModel(String(parsed.values.model_id), undefined);
  if ("error" in resolved) throw new Error(resolved.error);
  const settings = tgiSettings(parsed.values, resolved.arch, gpus, version);
  return { settings, memory: sizeTgiMemory(settings, () => 0) };
}

describe("TGI's KV sizing at warm-up", () => {
  const base = size(["--model-id", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--num-shard", "4"]);

  it("gives the seed's corrected command (GPTQ checkpoint, --num-shard 4) room for far more than one 32k request", () => {
    expect(base.settings.quantize).toBe("gptq");
    expect(base.memory.maxSupportedTotalTokens).toBeGreaterThan(32_768 * 10);
    expect(base.memory.shards).toHaveLength(4);
  });

  it("keeps (1 − cuda_memory_fraction × 0.9) of each GPU free: a smaller fraction leaves fewer tokens", () => {
    const half = size([
      "--model-id",
      "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
      "--num-shard",
      "4",
      "--cuda-memory-fraction",
      "0.5",
    ]);
    const bytesPerToken = 2 * 28 * 1 * 128 * 2;
    const lost = base.memory.maxSupportedTotalTokens - half.memory.maxSupportedTotalTokens;
    expect(lost).toBeCloseTo((0.45 * (24_564 - 400) * 2 ** 20) / bytesPerToken, -2);
  });

  it("doubles the tokens with an fp8 KV cache and counts in blocks of 16 with paged attention (2.x)", () => {
    const fp8 = size([
      "--model-id",
      "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
      "--num-shard",
      "4",
      "--kv-cache-dtype",
      "fp8_e5m2",
    ]);
    expect(fp8.memory.maxSupportedTotalTokens / base.memory.maxSupportedTotalTokens).toBeCloseTo(2, 1);
    expect(
      size(["--model-id", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--num-shard", "4"], "2.4.1").memory
        .maxSupportedTotalTokens % 16,
    ).toBe(0);
  });

  it("refuses a warm-up prefill that does not fit, with TGI's message", () => {
    expect(() =>
      size(["--model-id", "Qwen/Qwen2.5-7B-Instruct", "--num-shard", "1", "--max-batch-prefill-tokens", "200000"]),
    ).toThrow(
      "RuntimeError: Not enough memory to handle 200000 prefill tokens. You need to decrease `--max-batch-prefill-tokens`",
    );
  });
});
