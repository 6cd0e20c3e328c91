import { describe, expect, it } from "vitest";
import { layoutSchema, type Instance, type LayoutInput } from "../vocabulary/layout-schema";
import { H100_80GB, RTX_4090D } from "./testing/gpu-fixtures";
import { budgetInstance } from "./instance";
import { budgetLayout, BudgetMemo, type BudgetResolver } from "./layout";
import { WSL2_EXTRA_BYTES } from "./non-torch";
import { QWEN25_7B, QWEN25_7B_GPTQ_INT4 } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";

const MODELS = new Map([QWEN25_7B, QWEN25_7B_GPTQ_INT4].map((m) => [m.id, m]));
const resolver: BudgetResolver = {
  model: (i: Instance) => MODELS.get(i.model),
  gpu: (slot) => (slot.gpuId === "rtx-4090d" ? RTX_4090D : undefined),
};

const host = {
  id: "gpu-box",
  name: "4 × RTX 4090D",
  ramBytes: 256 * 2 ** 30,
  cpuCores: 32,
  gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d" })),
};
const layoutOf = (instances: LayoutInput["instances"]) =>
  layoutSchema.parse({ name: "seed", hosts: [host], instances });
const int4 = (id: string, gpuIndices: number[]) => ({
  id,
  engine: "vllm" as const,
  model: QWEN25_7B_GPTQ_INT4.id,
  quantization: "gptq",
  tp: gpuIndices.length,
  placement: { hostId: "gpu-box", gpuIndices },
});

describe("budgetLayout on the seed article's layouts (Qwen2.5-7B on 4 × RTX 4090D)", () => {
  it.each([
    [
      "one bf16 instance on 4 GPUs",
      [
        {
          id: "qwen-tp4",
          engine: "vllm" as const,
          model: QWEN25_7B.id,
          tp: 4,
          placement: { hostId: "gpu-box", gpuIndices: [0, 1, 2, 3] },
        },
      ],
    ],
    ["two INT4 instances on 2 GPUs each", [int4("a", [0, 1]), int4("b", [2, 3])]],
    ["four INT4 instances on 1 GPU each", [0, 1, 2, 3].map((g) => int4(`q${g}`, [g]))],
  ])("%s fits, every GPU planned under its memory", (_name, instances) => {
    const result = budgetLayout(layoutOf(instances), resolver, { defaultGpu: RTX_4090D });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.gpus).toHaveLength(4);
    for (const gpu of result.gpus) {
      expect(gpu.plannedBytes).toBeGreaterThan(0);
      expect(gpu.plannedBytes).toBeLessThanOrEqual(gpu.memoryBytes);
      expect(gpu.freeBytes).toBe(gpu.memoryBytes - gpu.plannedBytes);
      expect(gpu.segments.reduce((s, x) => s + x.bytes, 0)).toBe(gpu.plannedBytes);
    }
    for (const b of Object.values(result.instances)) {
      expect(b.fits).toBe(true);
      expect(b.kvCacheTokens).toBeGreaterThan(32_768);
    }
  });

  it("stacks two 0.9 instances on one GPU past its memory, and leaves judging that to the rules (gpu.*)", () => {
    const result = budgetLayout(layoutOf([int4("a", [0]), int4("b", [0])]), resolver, { defaultGpu: RTX_4090D });
    const gpu0 = result.gpus.find((g) => g.gpuIndex === 0)!;
    expect(new Set(gpu0.segments.map((s) => s.instanceId))).toEqual(new Set(["a", "b"]));
    expect(gpu0.plannedBytes).toBeGreaterThan(gpu0.memoryBytes);
    expect(gpu0.freeBytes).toBe(0);
    expect(result.findings).toEqual([]);
  });

  it("reports a GPU slot of unknown model and size (budget.unknown-gpu) but not GPUs the host lacks (placement.*)", () => {
    const odd = {
      ...host,
      gpus: [
        ...host.gpus,
        { index: 4, gpuId: "mystery-card" },
        { index: 5, gpuId: "mystery-card", memoryBytes: 48 * 2 ** 30 },
      ],
    };
    const layout = layoutSchema.parse({
      name: "odd",
      hosts: [odd],
      instances: [int4("x", [4]), int4("y", [7]), int4("z", [5])],
    });
    const result = budgetLayout(layout, resolver, { defaultGpu: H100_80GB });
    expect(result.findings.map((f) => [f.code, f.instanceId, f.gpuIndex])).toEqual([["budget.unknown-gpu", "x", 4]]);
    expect(result.instances.x?.gpuMemoryBytes).toBe(H100_80GB.memoryBytes);
    expect(result.instances.z?.gpuMemoryBytes).toBe(48 * 2 ** 30);
  });

  it("budgets unplaced instances against the default GPU and reports unknown models", () => {
    const result = budgetLayout(
      layoutOf([
        { id: "loose", engine: "vllm", model: QWEN25_7B.id },
        { id: "mystery", engine: "vllm", model: "acme/unknown" },
      ]),
      resolver,
      { defaultGpu: H100_80GB },
    );
    expect(result.instances.loose?.gpuMemoryBytes).toBe(H100_80GB.memoryBytes);
    expect(result.findings.find((f) => f.code === "budget.unknown-model")?.instanceId).toBe("mystery");
    expect(result.gpus.every((g) => g.segments.length === 0)).toBe(true);
  });

  it("reuses one budget for equal settings and stamps each instance's id on its findings", () => {
    const memo = new BudgetMemo();
    const instances = [0, 1, 2, 3].map((g) => ({ ...int4(`q${g}`, [g]), gpuMemoryUtilization: 0.2 }));
    const result = budgetLayout(layoutOf(instances), resolver, { defaultGpu: RTX_4090D, memo });
    expect(memo.size).toBe(1);
    expect(result.instances.q3?.findings[0]?.instanceId).toBe("q3");
    expect(result.instances.q3?.findings[0]?.message).toMatch(/^instance "q3"/);
    expect(result.instances.q0?.findings[0]?.message).toMatch(/^instance "q0"/);
  });

  it("matches budgetInstance for a single instance", () => {
    const instance = makeInstance({ id: "solo", model: QWEN25_7B.id, tp: 4 });
    const direct = budgetInstance(instance, QWEN25_7B, RTX_4090D);
    const viaLayout = budgetLayout(
      layoutOf([{ ...instance, placement: { hostId: "gpu-box", gpuIndices: [0, 1, 2, 3] } }]),
      resolver,
      { defaultGpu: RTX_4090D },
    );
    expect(viaLayout.instances.solo?.kvCacheTokens).toBe(direct.kvCacheTokens);
  });
});

describe("a host under WSL2", () => {
  it("books WSL2's CUDA overhead in every instance on it, and the same memo does not mix the two hosts up", () => {
    const layout = (wsl2: boolean) =>
      layoutSchema.parse({ name: "seed", hosts: [{ ...host, wsl2 }], instances: [int4("a", [0])] });
    const memo = new BudgetMemo();
    const linux = budgetLayout(layout(false), resolver, { defaultGpu: RTX_4090D, memo }).instances.a!;
    const wsl = budgetLayout(layout(true), resolver, { defaultGpu: RTX_4090D, memo }).instances.a!;
    expect(wsl.nonTorchBytes - linux.nonTorchBytes).toBe(WSL2_EXTRA_BYTES);
    expect(wsl.kvCacheBytesPerGpu).toBeLessThan(linux.kvCacheBytesPerGpu);
  });
});
