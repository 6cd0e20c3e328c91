import { describe, expect, it } from "vitest";
import { BudgetMemo } from "../budget/layout";
import { checkInstance, checkLayout, orderFindings } from "./check-layout";
import type { Finding } from "../vocabulary/finding";
import { instanceSchema, layoutSchema, type InstanceInput, type Layout } from "../vocabulary/layout-schema";
import { GIB } from "../vocabulary/units";

const QWEN = "Qwen/Qwen2.5-7B-Instruct";
const QWEN_INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";

const box = (overrides: Record<string, unknown> = {}) => ({
  id: "gpu-box",
  name: "4 × RTX 4090D",
  ramBytes: 256 * GIB,
  cpuCores: 32,
  gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d" })),
  ...overrides,
});
const layoutOf = (instances: InstanceInput[], host = box()): Layout =>
  layoutSchema.parse({ name: "t", hosts: [host], instances });
const on = (...gpuIndices: number[]) => ({ placement: { hostId: "gpu-box", gpuIndices } });
const vllm = (id: string, input: Partial<InstanceInput> = {}): InstanceInput => ({
  id,
  engine: "vllm",
  model: QWEN,
  ...input,
});

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === "error").map((f) => f.code);
const keyOf = (f: Finding) => JSON.stringify([f.code, f.instanceId, f.hostId, f.gpuIndex]);

describe("checkLayout: one finding per problem where budget and rules overlapped", () => {
  it("max_model_len 131072 on Qwen2.5-7B without rope scaling: one context finding, and the budget still budgets it", () => {
    const { budget, findings } = checkLayout(
      layoutOf([vllm("long", { tp: 4, maxModelLen: 131072, ...on(0, 1, 2, 3) })]),
    );
    expect(errorsOf(findings)).toEqual(["context.needs-rope-scaling"]);
    expect(findings.filter((f) => f.field === "maxModelLen")).toHaveLength(1);
    expect(findings[0]?.message).toContain("User-specified max_model_len (131072)");
    expect(budget.instances.long?.maxModelLen).toBe(131072);
  });

  it("two instances claiming 0.9 of one GPU: one overcommit finding", () => {
    const { findings } = checkLayout(
      layoutOf([vllm("a", { model: QWEN_INT4, ...on(0) }), vllm("b", { model: QWEN_INT4, port: 8001, ...on(0) })]),
    );
    expect(errorsOf(findings)).toEqual(["gpu.shared-fraction-overcommit"]);
    expect(findings.filter((f) => f.gpuIndex === 0 && /overcommit/.test(f.code))).toHaveLength(1);
  });

  it("shares that add up to 1 but overfill the card with what vLLM does not count: one overcommit finding", () => {
    const half = { model: QWEN_INT4, gpuMemoryUtilization: 0.5, engineVersion: "0.11.0", ...on(1) };
    const { findings } = checkLayout(layoutOf([vllm("a", half), vllm("b", { ...half, port: 8001 })]));
    expect(errorsOf(findings)).toEqual(["gpu.memory-overcommit"]);
    expect(findings[0]?.message).toContain("Free memory on device");
    expect(findings[0]?.patch?.gpuMemoryUtilization).toBeLessThan(0.5);
  });

  it("one instance over its own card: budget.over-card only", () => {
    const { findings } = checkLayout(
      layoutOf([vllm("hot", { model: QWEN_INT4, gpuMemoryUtilization: 0.99, engineVersion: "0.11.0", ...on(0) })]),
    );
    expect(findings.map((f) => f.code)).toEqual(["budget.over-card"]);
  });

  it("a max_model_len that does not fit the KV cache: one finding, with vLLM's words and the patch", () => {
    const { budget, findings } = checkLayout(layoutOf([vllm("tight", { gpuMemoryUtilization: 0.7, ...on(0) })]));
    expect(errorsOf(findings)).toEqual(["budget.max-model-len-does-not-fit"]);
    const f = findings[0]!;
    expect(f.message).toContain("To serve at least one request with the models's max seq len");
    expect(f.patch?.maxModelLen).toBeLessThanOrEqual(budget.instances.tight!.maxModelLenThatFits);
  });

  it("weights that leave no KV cache: one finding", () => {
    const small = box({ gpus: [{ index: 0, gpuId: "rtx-4060" }] });
    const { findings } = checkLayout(layoutOf([vllm("big", on(0))], small));
    expect(errorsOf(findings)).toEqual(["budget.no-kv-memory"]);
  });

  it("a quantization flag the checkpoint lacks: one quant finding, budgeted as 16-bit", () => {
    const { budget, findings } = checkLayout(layoutOf([vllm("q", { tp: 4, quantization: "gptq", ...on(0, 1, 2, 3) })]));
    expect(errorsOf(findings)).toEqual(["quant.checkpoint-not-quantized"]);
    expect(budget.instances.q?.settings?.weightFormat).toBe("16-bit");
  });

  it("TGI max_input_tokens not below max_total_tokens, and above max_batch_total_tokens: one finding each", () => {
    const tgi = {
      engine: "tgi" as const,
      tp: 4,
      tgi: { maxInputTokens: 8192, maxTotalTokens: 8192, maxBatchTotalTokens: 4096, maxBatchPrefillTokens: 8192 },
      ...on(0, 1, 2, 3),
    };
    const { findings } = checkLayout(layoutOf([vllm("t", tgi)]));
    expect(errorsOf(findings).sort()).toEqual(["tgi.input-not-below-total", "tgi.total-above-batch-total"]);
  });

  it("a TP size other than the GPU count: one placement finding", () => {
    const { findings } = checkLayout(layoutOf([vllm("p", { tp: 2, model: QWEN_INT4, ...on(0) })]));
    expect(errorsOf(findings)).toEqual(["placement.gpu-count"]);
  });

  it("GPUs the host lacks: placement.unknown-gpu, not budget.unknown-gpu as well", () => {
    const { findings } = checkLayout(layoutOf([vllm("p", { model: QWEN_INT4, ...on(9) })]));
    expect(errorsOf(findings)).toEqual(["placement.unknown-gpu"]);
  });

  it("a container memory limit below the instance's needs: one finding (the budget's)", () => {
    const { findings } = checkLayout(
      layoutOf([vllm("m", { tp: 4, limits: { memoryBytes: 8 * GIB }, ...on(0, 1, 2, 3) })]),
    );
    expect(errorsOf(findings)).toEqual(["budget.container-memory-too-small"]);
  });

  it("host RAM and cores short for its instances: one finding each (the rules')", () => {
    const host = box({ ramBytes: 16 * GIB, cpuCores: 2 });
    const { findings } = checkLayout(
      layoutOf([vllm("a", { model: QWEN_INT4, ...on(0) }), vllm("b", { model: QWEN_INT4, ...on(1) })], host),
    );
    expect(findings.filter((f) => f.code.startsWith("host.")).map((f) => f.code)).toEqual([
      "host.ram-overcommit",
      "host.cpu-overcommit",
    ]);
    expect(findings.some((f) => f.code.startsWith("budget.host"))).toBe(false);
  });

  it("an unknown model: budget.unknown-model once, the rules skip model checks", () => {
    const { findings } = checkLayout(layoutOf([vllm("x", { model: "acme/no-such-model", ...on(0) })]));
    expect(errorsOf(findings)).toEqual(["budget.unknown-model"]);
  });

  it("never returns two findings with one (code, instance, host, GPU), and puts errors first", () => {
    const { findings } = checkLayout(
      layoutOf([
        vllm("a", { maxModelLen: 131072, ...on(0) }),
        vllm("b", { model: QWEN_INT4, ...on(0) }),
        vllm("c", { tp: 2, model: QWEN_INT4, limits: { memoryBytes: GIB, cpus: 1 }, ...on(2) }),
      ]),
    );
    expect(new Set(findings.map(keyOf)).size).toBe(findings.length);
    const firstWarning = findings.findIndex((f) => f.severity === "warning");
    if (firstWarning >= 0) expect(findings.slice(firstWarning).every((f) => f.severity === "warning")).toBe(true);
  });

  it("a plan that fits has no errors, and a memo is reused across checks", () => {
    const memo = new BudgetMemo();
    const layout = layoutOf(
      [0, 1, 2, 3].map((g) => vllm(`q${g}`, { model: QWEN_INT4, quantization: "gptq", port: 8000 + g, ...on(g) })),
    );
    expect(errorsOf(checkLayout(layout, { memo }).findings)).toEqual([]);
    checkLayout(layout, { memo });
    expect(memo.size).toBe(1);
  });
});

describe("checkInstance", () => {
  const instance = (input: Partial<InstanceInput>) =>
    instanceSchema.parse({ id: "cli", engine: "vllm", model: QWEN, ...input });

  it("runs only the rules without a GPU", () => {
    const result = checkInstance(instance({ maxModelLen: 131072 }));
    expect(result.budget).toBeUndefined();
    expect(result.findings.map((f) => f.code)).toEqual(["context.needs-rope-scaling"]);
  });

  it("budgets on the GPU and reports each problem once", () => {
    const result = checkInstance(instance({ maxModelLen: 131072, gpuMemoryUtilization: 0.72 }), 24564 * 2 ** 20);
    expect(result.budget?.fits).toBe(false);
    expect(errorsOf(result.findings).sort()).toEqual([
      "budget.max-model-len-does-not-fit",
      "context.needs-rope-scaling",
    ]);
  });

  it("warns between 90 % and 100 % of the card, and leaves past the card to budget.over-card", () => {
    const warm = checkInstance(instance({ model: QWEN_INT4, gpuMemoryUtilization: 0.93 }), 24564 * 2 ** 20);
    expect(warm.findings.map((f) => f.code)).toEqual(["gpu.memory-above-threshold"]);
    const hot = checkInstance(
      instance({ model: QWEN_INT4, gpuMemoryUtilization: 0.99, engineVersion: "0.11.0" }),
      24564 * 2 ** 20,
    );
    expect(hot.findings.map((f) => f.code)).toEqual(["budget.over-card"]);
  });

  it("reports an unknown model when asked for memory", () => {
    expect(checkInstance(instance({ model: "acme/none" }), 80 * GIB).findings.map((f) => f.code)).toEqual([
      "budget.unknown-model",
    ]);
  });
});

describe("orderFindings", () => {
  it("keeps the first of each (code, instance, host, GPU) and sorts errors first, stable otherwise", () => {
    const f = (code: string, severity: Finding["severity"], extra: Partial<Finding> = {}): Finding => ({
      code,
      severity,
      message: code,
      fix: "",
      ...extra,
    });
    const out = orderFindings([
      f("w1", "warning"),
      f("e1", "error", { instanceId: "a" }),
      f("e1", "error", { instanceId: "a", message: "again" }),
      f("e1", "error", { instanceId: "b" }),
      f("e2", "error", { hostId: "h", gpuIndex: 0 }),
      f("e2", "error", { hostId: "h", gpuIndex: 1 }),
    ]);
    expect(out.map((x) => `${x.code}:${x.instanceId ?? x.gpuIndex ?? ""}`)).toEqual([
      "e1:a",
      "e1:b",
      "e2:0",
      "e2:1",
      "w1:",
    ]);
    expect(out[0]?.message).toBe("e1");
  });
});
