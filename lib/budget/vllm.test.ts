import { describe, expect, it } from "vitest";
import { A100_80GB, H100_80GB, RTX_4060_8GB, RTX_4090D } from "./testing/gpu-fixtures";
import { LLAMA3_8B, QWEN25_7B, QWEN25_7B_GPTQ_INT4 } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { budgetVllm } from "./vllm";
import { samplerDependsOnInstall, samplerPath, selectVllmProfile } from "./vllm-profiles";
import { GIB } from "../vocabulary/units";

describe("vLLM version profiles", () => {
  it.each([
    ["0.2", "v0-0.2"],
    ["0.2.5", "v0-0.2.5"],
    ["0.6.4", "v0-0.6.4"],
    ["0.7.3", "v0-0.6.5"],
    ["0.8.5", "v1-0.8"],
    ["0.9.2", "v1-0.9"],
    ["0.10.2", "v1-0.10"],
    ["0.11.0", "v1-0.11"],
    ["0.19.1", "v1-0.11"],
    ["0.20.0", "v1-0.20plus"],
    ["0.21.0", "v1-0.20plus"],
    ["0.27.1", "v1-0.20plus"],
    ["0.28.0", "v1-0.28plus"],
    ["0.30", "v1-0.28plus"],
  ])("%s → %s", (version, name) => expect(selectVllmProfile(version).name).toBe(name));

  it("defaults to the newest profile", () => expect(selectVllmProfile(undefined).name).toBe("v1-0.28plus"));

  it("runs the V0 engine's last profile when VLLM_USE_V1=0 on a V1 release", () => {
    expect(selectVllmProfile("0.8.4", false).name).toBe("v0-0.6.5");
    expect(selectVllmProfile("0.8.4", true).name).toBe("v1-0.8");
  });

  it("names the sampler each release's dummy run takes", () => {
    const path = (version: string, flashinfer?: boolean) =>
      samplerPath(selectVllmProfile(version), version, flashinfer);
    expect(path("0.7.3")).toBe("v0");
    expect(path("0.8.5")).toBe("native");
    expect(path("0.9.2")).toBe("flashinfer");
    expect(path("0.11.2")).toBe("native");
    expect(path("0.11.2", true)).toBe("flashinfer");
    expect(path("0.22.0")).toBe("flashinfer");
  });

  it("says where the sampler depends on the install, and the activation term tells how to estimate a pip install", () => {
    const depends = (version: string, flashinfer?: boolean) =>
      samplerDependsOnInstall(selectVllmProfile(version), version, flashinfer);
    expect([
      depends("0.8.5"),
      depends("0.9.1"),
      depends("0.10.2"),
      depends("0.11.0"),
      depends("0.10.2", false),
    ]).toEqual([false, true, true, false, false]);
    const explain = (vllm?: { flashinferSampler: boolean }) =>
      budgetVllm(makeInstance({ model: QWEN25_7B.id, engineVersion: "0.10.2", vllm }), QWEN25_7B, H100_80GB).terms.find(
        (t) => t.name === "activation",
      )!.explanation;
    expect(explain()).toContain("VLLM_USE_FLASHINFER_SAMPLER=0");
    expect(explain({ flashinferSampler: false })).not.toContain("VLLM_USE_FLASHINFER_SAMPLER");
  });

  it("takes vLLM's batch defaults by GPU class", () => {
    const qwen = (gpu = H100_80GB, engineVersion = "0.11.0") =>
      budgetVllm(makeInstance({ model: QWEN25_7B.id, engineVersion }), QWEN25_7B, gpu).settings;
    expect(qwen()).toMatchObject({ maxNumBatchedTokens: 8192, maxNumSeqs: 1024 });
    expect(qwen(A100_80GB)).toMatchObject({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
    expect(qwen(RTX_4090D)).toMatchObject({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
    expect(qwen(H100_80GB, "0.8.5")).toMatchObject({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
    expect(qwen(H100_80GB, "0.6.4")).toMatchObject({ maxNumBatchedTokens: 32768, maxNumSeqs: 256 });
  });
});

describe("vLLM budget", () => {
  it("lands within 4 % of vLLM's logged KV memory for Llama-3-8B on H100 (0.6.5, vllm#10511)", () => {
    const b = budgetVllm(makeInstance({ model: LLAMA3_8B.id, engineVersion: "0.6.5" }), LLAMA3_8B, {
      ...H100_80GB,
      memoryBytes: 79.22 * GIB,
    });
    expect(Math.abs(b.availableKvBytesPerGpu! / GIB - 53.29) / 53.29).toBeLessThan(0.04);
    expect(b.activationBytes / GIB).toBeCloseTo(1.26, 0);
  });

  it("fits Qwen2.5-7B bf16 on four RTX 4090D (TP 4) with a sane KV cache", () => {
    const b = budgetVllm(makeInstance({ model: QWEN25_7B.id, tp: 4 }), QWEN25_7B, RTX_4090D);
    expect(b.fits).toBe(true);
    expect(b.kvBytesPerTokenPerGpu).toBe(14_336);
    expect(b.kvCacheTokens).toBeGreaterThan(500_000);
    expect(b.kvCacheTokens).toBeLessThan(1_400_000);
    expect(b.kvCacheTokens % 16).toBe(0);
    expect(b.maxModelLen).toBe(32_768);
    expect(b.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it.each([
    [2, 200_000, 700_000],
    [1, 100_000, 400_000],
  ])("fits GPTQ-Int4 at TP %i on RTX 4090D", (tp, low, high) => {
    const b = budgetVllm(
      makeInstance({ model: QWEN25_7B_GPTQ_INT4.id, tp, quantization: "gptq" }),
      QWEN25_7B_GPTQ_INT4,
      RTX_4090D,
    );
    expect(b.fits).toBe(true);
    expect(b.kvCacheTokens).toBeGreaterThan(low);
    expect(b.kvCacheTokens).toBeLessThan(high);
    expect(b.maxConcurrency).toBeGreaterThan(1);
  });

  it("fails Qwen2.5-7B int4 on an 8 GB RTX 4060 at gpu_memory_utilization 0.7 (vllm#13882)", () => {
    const b = budgetVllm(
      makeInstance({
        model: QWEN25_7B_GPTQ_INT4.id,
        gpuMemoryUtilization: 0.7,
        maxModelLen: 4096,
        engineVersion: "0.7.2",
      }),
      QWEN25_7B_GPTQ_INT4,
      RTX_4060_8GB,
    );
    expect(b.fits).toBe(false);
    expect(b.kvCacheTokens).toBe(0);
    expect(b.availableKvBytesPerGpu).toBeLessThan(0);
    const finding = b.findings.find((f) => f.code === "budget.no-kv-memory");
    expect(finding?.message).toContain("No available memory for the cache blocks");
    expect(finding?.patch?.gpuMemoryUtilization).toBeGreaterThan(0.7);
  });

  it("quotes vLLM's error and gives a max_model_len that fits when one request does not fit", () => {
    const b = budgetVllm(makeInstance({ model: QWEN25_7B.id, gpuMemoryUtilization: 0.66 }), QWEN25_7B, RTX_4090D);
    expect(b.fits).toBe(false);
    expect(b.maxModelLenThatFits).toBeLessThan(32_768);
    expect(b.maxModelLenThatFits % 16).toBe(0);
    const finding = b.findings.find((f) => f.code === "budget.max-model-len-does-not-fit")!;
    expect(finding.message).toContain("To serve at least one request with the models's max seq len (32768)");
    expect(finding.patch?.maxModelLen).toBeLessThanOrEqual(b.maxModelLenThatFits);
  });

  it("puts CUDA graphs on top of the budget before 0.20 and inside it from 0.20", () => {
    // The same sampler on both sides: 0.19 samples natively by default, 0.20 with FlashInfer.
    const vllm = { flashinferSampler: true };
    const at = (engineVersion: string, enforceEager = false) =>
      budgetVllm(makeInstance({ model: QWEN25_7B.id, engineVersion, enforceEager, vllm }), QWEN25_7B, H100_80GB);
    const old = at("0.19.1");
    expect(old.cudaGraphBytes).toBeGreaterThan(0.3 * GIB);
    expect(old.projectedUsedBytesPerGpu).toBeGreaterThan(old.budgetBytesPerGpu + old.cudaGraphBytes);
    const recent = at("0.20.0");
    const context = recent.terms.find((t) => t.name === "reserved")!.bytes;
    expect(recent.projectedUsedBytesPerGpu).toBeLessThanOrEqual(recent.budgetBytesPerGpu + context);
    expect(recent.kvCacheBytesPerGpu).toBeLessThan(old.kvCacheBytesPerGpu);
    expect(at("0.19.1", true).cudaGraphBytes).toBe(0);
  });

  it("budgets max_model_len 131072 on Qwen2.5 as asked, with or without YaRN (context.needs-rope-scaling says it needs YaRN)", () => {
    const without = budgetVllm(
      makeInstance({ model: QWEN25_7B.id, maxModelLen: 131_072, tp: 4 }),
      QWEN25_7B,
      RTX_4090D,
    );
    expect(without.maxModelLen).toBe(131_072);
    expect(without.findings.map((f) => f.code)).not.toContain("context.needs-rope-scaling");
    expect(without.maxModelLenThatFits).toBeLessThanOrEqual(32_768);
    const yarn = budgetVllm(
      makeInstance({
        model: QWEN25_7B.id,
        tp: 4,
        ropeScaling: { type: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
      }),
      QWEN25_7B,
      RTX_4090D,
    );
    expect(yarn.maxModelLen).toBe(131_072);
    expect(yarn.kvCacheTokens).toBe(without.kvCacheTokens);
  });

  it("budgets a quantization flag the checkpoint lacks as 16-bit, without a finding of its own (quant.* owns it)", () => {
    const gptq = budgetVllm(makeInstance({ model: QWEN25_7B.id, quantization: "gptq", tp: 4 }), QWEN25_7B, RTX_4090D);
    const plain = budgetVllm(makeInstance({ model: QWEN25_7B.id, tp: 4 }), QWEN25_7B, RTX_4090D);
    expect(gptq.weightsBytesPerGpu).toBe(plain.weightsBytesPerGpu);
    expect(gptq.findings).toEqual([]);
  });

  it("warns when gpu_memory_utilization plus what vLLM does not count is more than the card (budget.over-card)", () => {
    const b = budgetVllm(
      makeInstance({
        model: QWEN25_7B_GPTQ_INT4.id,
        quantization: "gptq",
        gpuMemoryUtilization: 0.99,
        engineVersion: "0.11.0",
      }),
      QWEN25_7B_GPTQ_INT4,
      RTX_4090D,
    );
    expect(b.projectedUsedBytesPerGpu).toBeGreaterThan(RTX_4090D.memoryBytes);
    const f = b.findings.find((x) => x.code === "budget.over-card")!;
    expect(f.severity).toBe("warning");
    expect(f.fix).toMatch(/enforce_eager/);
    expect(f.patch?.gpuMemoryUtilization).toBeLessThan(0.99);
    const fine = budgetVllm(
      makeInstance({
        model: QWEN25_7B_GPTQ_INT4.id,
        quantization: "gptq",
        gpuMemoryUtilization: 0.8,
        engineVersion: "0.11.0",
      }),
      QWEN25_7B_GPTQ_INT4,
      RTX_4090D,
    );
    expect(fine.findings.map((x) => x.code)).not.toContain("budget.over-card");
  });

  it("explains every term in one line and the terms add up to the projected use", () => {
    const b = budgetVllm(makeInstance({ model: QWEN25_7B.id }), QWEN25_7B, H100_80GB);
    for (const t of b.terms) {
      expect(t.explanation.length).toBeGreaterThan(10);
      expect(t.explanation).not.toContain("\n");
    }
    const planned = b.terms.filter((t) => t.name !== "free").reduce((s, t) => s + t.bytes, 0);
    expect(planned).toBe(b.projectedUsedBytesPerGpu);
    expect(b.terms.find((t) => t.name === "kvCache")?.explanation).toMatch(
      /^KV cache: 0\.9 × 79\.18 GiB − weights − activation − non-torch − CUDA graphs/,
    );
  });
});
