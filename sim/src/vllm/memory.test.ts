import { describe, expect, it } from "vitest";
import { EngineFailure } from "../failure";
import { buildHost, lookupGpu } from "../gpu/host";
import { offlineVllm } from "./offline";

const GIB = 2 ** 30;
const gpus = (name: string, count: number) =>
  buildHost(
    "test-host",
    Array.from({ length: count }, () => lookupGpu(name, "GPU")),
    false,
  ).gpus;
const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineFailure) return error.lines;
    throw error;
  }
  throw new Error("expected the engine to fail");
};

describe("vLLM KV sizing (whole blocks of block_size tokens for every layer)", () => {
  it("turns 6.51 GiB into 42,656 tokens for Qwen3-14B, as vLLM logged it (LMCache#1739)", () => {
    const { memory } = offlineVllm(
      ["Qwen/Qwen3-14B", "--kv-cache-memory-bytes", String(Math.round(6.51 * GIB))],
      gpus("H100 80GB", 1),
    );
    expect(memory.kvTokens).toBe(42_656);
  });

  it("halves the bytes per token with an fp8 KV cache and honours --block-size and --num-gpu-blocks-override", () => {
    const base = offlineVllm(
      ["Qwen/Qwen2.5-7B-Instruct", "--kv-cache-memory-bytes", String(4 * GIB)],
      gpus("H100 80GB", 1),
    ).memory;
    const fp8 = offlineVllm(
      ["Qwen/Qwen2.5-7B-Instruct", "--kv-cache-memory-bytes", String(4 * GIB), "--kv-cache-dtype", "fp8"],
      gpus("H100 80GB", 1),
    ).memory;
    expect(fp8.kvTokens).toBe(2 * base.kvTokens);
    const big = offlineVllm(
      ["Qwen/Qwen2.5-7B-Instruct", "--kv-cache-memory-bytes", String(4 * GIB), "--block-size", "32"],
      gpus("H100 80GB", 1),
    ).memory;
    expect(big.numBlocks).toBe(Math.floor(base.numBlocks / 2));
    const forced = offlineVllm(
      ["Qwen/Qwen2.5-7B-Instruct", "--num-gpu-blocks-override", "64"],
      gpus("H100 80GB", 1),
    ).memory;
    expect(forced.kvTokens).toBe(64 * 16);
  });

  it("lands within 5 % of the available KV memory vLLM logged for Llama-3-8B on an H100 (vllm#10511: 53.29 GiB)", () => {
    const { memory } = offlineVllm(
      [
        "meta-llama/Llama-3.1-8B-Instruct",
        "--max-model-len",
        "8192",
        "--max-num-batched-tokens",
        "8192",
        "--max-num-seqs",
        "256",
      ],
      gpus("H100 80GB", 1),
    );
    const available = memory.ranks[0]!.availableKvBytes / GIB;
    expect(Math.abs(available - 53.29) / 53.29).toBeLessThan(0.05);
  });

  it("splits weights and KV heads across tensor-parallel ranks and takes the minimum over ranks", () => {
    const tp1 = offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"], gpus("RTX 4090D", 1)).memory;
    const tp4 = offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "-tp", "4"], gpus("RTX 4090D", 4)).memory;
    expect(tp4.ranks).toHaveLength(4);
    expect(tp4.ranks[0]!.weightsBytes).toBeLessThan(tp1.ranks[0]!.weightsBytes / 3.5);
    expect(tp4.kvTokens).toBeGreaterThan(4 * tp1.kvTokens);
  });

  it("fails like vLLM V1 when one max_model_len sequence does not fit, with its estimate of the longest that does (vllm#25350)", () => {
    const args = [
      "Qwen/Qwen3-30B-A3B",
      "--kv-cache-dtype",
      "fp8",
      "--max-model-len",
      "221000",
      "--kv-cache-memory-bytes",
      String(Math.round(5.59 * GIB)),
      "--hf-overrides",
      '{"rope_scaling":{"rope_type":"yarn","factor":8.0,"original_max_position_embeddings":32768}}',
    ];
    const text = failure(() => offlineVllm(args, gpus("H100 80GB", 1)));
    expect(text).toContain(
      "ValueError: To serve at least one request with the models's max seq len (221000), (10.12 GiB KV cache is needed, which is larger than the available KV cache memory (5.59 GiB).",
    );
    const estimated = Number(/estimated maximum model length is (\d+)/.exec(text)?.[1]);
    expect(Math.abs(estimated - 122_080) / 122_080).toBeLessThan(0.001);
  });

  it("finds no room for a KV cache for Qwen2.5-7B INT4 on an 8 GB RTX 4060 at 0.7 utilisation (vllm#13882: −1.05 GiB)", () => {
    const text = failure(() =>
      offlineVllm(
        ["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--gpu-memory-utilization", "0.7", "--max-model-len", "4096"],
        gpus("RTX 4060", 1),
      ),
    );
    expect(text).toBe(
      "ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.",
    );
  });

  it("reports what each GPU holds: about total × utilisation plus context and CUDA graphs", () => {
    const { memory } = offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"], gpus("RTX 4090D", 1));
    const rank = memory.ranks[0]!;
    expect(rank.usedBytes).toBeGreaterThan(rank.gpu.spec.memoryBytes * 0.88);
    expect(rank.usedBytes).toBeLessThan(rank.gpu.spec.memoryBytes);
    expect(
      offlineVllm(["Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--enforce-eager"], gpus("RTX 4090D", 1)).memory.ranks[0]!
        .cudaGraphBytes,
    ).toBe(0);
  });
});

describe("vLLM's config checks", () => {
  it("refuses a max_model_len over max_position_embeddings without rope scaling, wrapped by pydantic from 0.10", () => {
    const text = failure(() =>
      offlineVllm(["Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "131072"], gpus("H100 80GB", 1)),
    );
    expect(text).toMatch(
      /^pydantic_core\._pydantic_core\.ValidationError: 1 validation error for ModelConfig\n {2}Value error, User-specified max_model_len \(131072\) is greater than the derived max_model_len \(max_position_embeddings=32768 or model_max_length=None in model's config.json\)\. To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1\./,
    );
    const old = failure(() =>
      offlineVllm(["Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "131072"], gpus("H100 80GB", 1), "0.8.5"),
    );
    expect(old).toMatch(/^ValueError: User-specified max_model_len \(131072\)/);
  });

  it("accepts 131072 with YaRN (factor 4 × 32768), as Qwen's docs set it", () => {
    const { settings } = offlineVllm(
      [
        "Qwen/Qwen2.5-7B-Instruct",
        "--max-model-len",
        "131072",
        "--hf-overrides",
        '{"rope_scaling":{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}',
      ],
      gpus("H100 80GB", 1),
    );
    expect(settings.maxModelLen).toBe(131_072);
  });

  it("refuses TP sizes that do not divide the attention heads, and GPTQ on a 16-bit checkpoint when it loads", () => {
    expect(failure(() => offlineVllm(["Qwen/Qwen2.5-7B-Instruct", "-tp", "3"], gpus("H100 80GB", 3)))).toContain(
      "Total number of attention heads (28) must be divisible by tensor parallel size (3).",
    );
    expect(
      failure(() => offlineVllm(["Qwen/Qwen2.5-7B-Instruct-AWQ", "--quantization", "gptq"], gpus("H100 80GB", 1))),
    ).toContain(
      "Quantization method specified in the model config (awq) does not match the quantization method specified in the `quantization` argument (gptq).",
    );
  });

  it("refuses bfloat16 on a T4 when asked for explicitly and falls back to float16 on auto", () => {
    expect(failure(() => offlineVllm(["Qwen/Qwen2.5-1.5B-Instruct", "--dtype", "bfloat16"], gpus("T4", 1)))).toContain(
      "Bfloat16 is only supported on GPUs with compute capability of at least 8.0. Your Tesla T4 GPU has compute capability 7.5.",
    );
    expect(offlineVllm(["Qwen/Qwen2.5-1.5B-Instruct"], gpus("T4", 1)).settings.dtype).toBe("float16");
  });
});
