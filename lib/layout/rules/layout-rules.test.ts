import { describe, expect, it } from "vitest";
import type { GpuBudget, InstanceBudget, LayoutBudget } from "../../budget/types";
import { checkGpuSharing } from "./gpu-sharing";
import { checkHostResources } from "./host-resources";
import { checkGpuMemory, VRAM_WARNING_FRACTION } from "./memory";
import { checkPlacement } from "./placement";
import { archOf, makeLayout, TEST_LOOKUP } from "../testing/rule-fixtures";
import { validateLayout } from "./index";
import { GIB } from "../../vocabulary/units";

const on = (gpuIndices: number[], hostId = "gpu-box") => ({ placement: { hostId, gpuIndices } });

function instanceBudget(overrides: Partial<InstanceBudget> = {}): InstanceBudget {
  return {
    engine: "vllm",
    gpuMemoryBytes: 24 * GIB,
    cudaTotalBytes: 24 * GIB,
    weightsBytesPerGpu: 15 * GIB,
    activationBytes: GIB,
    nonTorchBytes: 0,
    cudaGraphBytes: 0,
    kvCacheBytesPerGpu: 4 * GIB,
    budgetBytesPerGpu: 21 * GIB,
    projectedUsedBytesPerGpu: 21 * GIB,
    kvBytesPerTokenPerGpu: 57344,
    kvCacheTokens: 74898,
    maxModelLen: 32768,
    maxConcurrency: 2.3,
    fits: true,
    uncertainty: { relative: 0.03, kvCacheTokensLow: 72651, kvCacheTokensHigh: 77145, verdict: "fits", basis: "test" },
    maxModelLenThatFits: 74898,
    terms: [],
    findings: [],
    host: { ramBytes: 16 * GIB, shmBytes: GIB, cpus: 4 },
    ...overrides,
  };
}

const gpuBudget = (gpuIndex: number, plannedBytes: number, instanceId = "a"): GpuBudget => ({
  hostId: "gpu-box",
  gpuIndex,
  memoryBytes: 24 * GIB,
  segments: [{ instanceId, term: "weights", bytes: plannedBytes }],
  plannedBytes,
  freeBytes: 24 * GIB - plannedBytes,
});

describe("placement", () => {
  it("accepts instances on existing GPUs, one per shard", () => {
    const layout = makeLayout({ instances: [{ id: "a", engine: "vllm", model: "m", tp: 2, ...on([0, 1]) }] });
    expect(checkPlacement(layout)).toEqual([]);
  });
  it("catches an unknown host, missing GPUs, duplicates and a count that is not the TP size", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", ...on([0], "nowhere") },
        { id: "b", engine: "vllm", model: "m", tp: 2, ...on([3, 4]) },
        { id: "c", engine: "vllm", model: "m", tp: 2, port: 8001, ...on([1, 1]) },
        { id: "d", engine: "tgi", model: "m", tp: 4, ...on([2]) },
      ],
    });
    const codes = checkPlacement(layout).map((f) => `${f.instanceId}:${f.code}`);
    expect(codes).toEqual([
      "a:placement.unknown-host",
      "b:placement.unknown-gpu",
      "c:placement.duplicate-gpu",
      "d:placement.gpu-count",
    ]);
    const count = checkPlacement(layout).find((f) => f.instanceId === "d");
    expect(count?.message).toContain("--num-shard 4");
    expect(count?.patch).toEqual({ tp: 1 });
  });
  it("catches two instances with one id or one port on a host", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", port: 8000, ...on([0]) },
        { id: "a", engine: "vllm", model: "m", port: 8000, ...on([1]) },
      ],
    });
    expect(checkPlacement(layout).map((f) => f.code)).toEqual(["layout.duplicate-id", "layout.port-clash"]);
  });
  it("flags a port clash however it arises: two set ports, or two engines' defaults, with a free port as the fix", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", ...on([0]) },
        { id: "b", engine: "vllm", model: "m", ...on([1]) },
        { id: "c", engine: "vllm", model: "m", port: 8001, ...on([2]) },
        { id: "t1", engine: "tgi", model: "m", ...on([3]) },
        { id: "t2", engine: "tgi", model: "m", ...on([3]) },
        { id: "elsewhere", engine: "vllm", model: "m", ...on([0], "other-box") },
      ],
    });
    const clashes = checkPlacement(layout).filter((f) => f.code === "layout.port-clash");
    expect(clashes.map((f) => [f.instanceId, f.patch])).toEqual([
      ["b", { port: 8002 }],
      ["t2", { port: 8003 }],
    ]);
    expect(clashes[0]!.message).toContain('"b" and "a" both publish port 8000 on "gpu-box"');
    expect(clashes[0]!.message).toContain("set no port: docker run publishes -p 8000:8000");
    expect(clashes[1]!.message).toContain("port 80 on");
  });
});

describe("GPU sharing", () => {
  it("accepts shares that add up to 1 or less", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", gpuMemoryUtilization: 0.45, ...on([0]) },
        { id: "b", engine: "tgi", model: "m", tgi: { cudaMemoryFraction: 0.5 }, ...on([0]) },
      ],
    });
    expect(checkGpuSharing(layout)).toEqual([]);
  });
  it("flags vLLM shares past 1 once per shared card, lowering the largest claim so the sum is 1", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", ...on([0]) },
        { id: "b", engine: "vllm", model: "m", gpuMemoryUtilization: 0.3, ...on([0]) },
      ],
    });
    const findings = checkGpuSharing(layout);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: "gpu.shared-fraction-overcommit",
      instanceId: "a",
      hostId: "gpu-box",
      gpuIndex: 0,
      patch: { gpuMemoryUtilization: 0.7 },
    });
    expect(findings[0]?.message).toContain("120 %");
    expect(findings[0]?.fix).toContain('"a" 0.75, "b" 0.25');
  });
  it("reports a TP group sharing several cards with the same instances once, naming the cards", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", tp: 2, ...on([0, 1]) },
        { id: "b", engine: "vllm", model: "m", tp: 2, ...on([0, 1]) },
      ],
    });
    const findings = checkGpuSharing(layout);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('GPUs 0, 1 of "gpu-box"');
  });
  it("falls back to the proportional share when lowering one claim cannot reach 1", () => {
    const layout = makeLayout({
      instances: ["a", "b", "c"].map((id) => ({
        id,
        engine: "vllm" as const,
        model: "m",
        gpuMemoryUtilization: 0.5,
        ...on([2]),
      })),
    });
    expect(checkGpuSharing(layout)[0]?.patch).toEqual({ gpuMemoryUtilization: 0.33 });
  });
  it("counts TGI's default cuda_memory_fraction of 1.0", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "tgi", model: "m", ...on([1]) },
        { id: "b", engine: "vllm", model: "m", gpuMemoryUtilization: 0.2, ...on([1]) },
      ],
    });
    const [finding] = checkGpuSharing(layout);
    expect(finding?.instanceId).toBe("a");
    expect(finding?.message).toContain("TGI's default 1.0");
    expect(finding?.patch).toEqual({ tgi: { cudaMemoryFraction: 0.8 } });
  });
});

describe("GPU memory from the budget", () => {
  const layout = makeLayout({ instances: [{ id: "a", engine: "vllm", model: "m", ...on([0]) }] });
  const budget = (gpus: GpuBudget[], instance = instanceBudget()): LayoutBudget => ({
    instances: { a: instance },
    gpus,
    findings: [],
  });
  const shared = (planned: [number, number], gmu: [number, number] = [0.45, 0.45]) => {
    const twoOnOne = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", gpuMemoryUtilization: gmu[0], ...on([0]) },
        { id: "b", engine: "vllm", model: "m", gpuMemoryUtilization: gmu[1], ...on([0]) },
      ],
    });
    const gpu: GpuBudget = {
      hostId: "gpu-box",
      gpuIndex: 0,
      memoryBytes: 24 * GIB,
      plannedBytes: planned[0] + planned[1],
      freeBytes: 0,
      segments: [
        { instanceId: "a", term: "weights", bytes: planned[0] },
        { instanceId: "b", term: "weights", bytes: planned[1] },
      ],
    };
    return checkGpuMemory(twoOnOne, {
      instances: { a: instanceBudget(), b: instanceBudget() },
      gpus: [gpu],
      findings: [],
    });
  };

  it("is quiet at or under 90 %", () => {
    expect(checkGpuMemory(layout, budget([gpuBudget(0, VRAM_WARNING_FRACTION * 24 * GIB)]))).toEqual([]);
  });
  it("warns above 90 %, naming the GPU and the percentage", () => {
    const [finding] = checkGpuMemory(layout, budget([gpuBudget(0, 22 * GIB)]));
    expect(finding).toMatchObject({
      code: "gpu.memory-above-threshold",
      severity: "warning",
      gpuIndex: 0,
      hostId: "gpu-box",
      instanceId: "a",
    });
    expect(finding?.message).toContain("91.7 %");
  });
  it("warns once for a TP group's cards, not once per card", () => {
    const findings = checkGpuMemory(layout, budget([gpuBudget(0, 22 * GIB), gpuBudget(1, 22 * GIB)]));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('GPUs 0, 1 of "gpu-box"');
  });
  it("errors when instances sharing a card plan past it, lowering the largest by the excess and quoting vLLM", () => {
    const [finding, ...rest] = shared([13 * GIB, 12 * GIB]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: "gpu.memory-overcommit",
      severity: "error",
      instanceId: "a",
      gpuIndex: 0,
      patch: { gpuMemoryUtilization: 0.4 },
    });
    expect(finding?.message).toContain('"a" 13.0 GiB, "b" 12.0 GiB');
    expect(finding?.message).toContain("Free memory on device");
  });
  it("leaves a shared card whose claims pass 1 to gpu.shared-fraction-overcommit", () => {
    expect(shared([22 * GIB, 22 * GIB], [0.9, 0.9])).toEqual([]);
  });
  it("leaves one instance over its own card to the budget (budget.over-card)", () => {
    expect(checkGpuMemory(layout, budget([gpuBudget(0, 25 * GIB)]))).toEqual([]);
  });
});

describe("host resources", () => {
  it("sums container limits against the host", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", limits: { memoryBytes: 40 * GIB, cpus: 10 }, ...on([0]) },
        { id: "b", engine: "vllm", model: "m", limits: { memoryBytes: 32 * GIB, cpus: 8 }, ...on([1]) },
      ],
    });
    const findings = checkHostResources(layout);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ["host.ram-overcommit", "error"],
      ["host.cpu-overcommit", "warning"],
    ]);
    expect(findings[0]?.message).toContain("72.0 GiB");
  });
  it("uses the budget's needs where there is no limit, and says which are estimates", () => {
    const layout = makeLayout({
      instances: [
        { id: "a", engine: "vllm", model: "m", ...on([0]) },
        { id: "b", engine: "vllm", model: "m", limits: { memoryBytes: 8 * GIB }, ...on([1]) },
      ],
    });
    const big = instanceBudget({ host: { ramBytes: 60 * GIB, shmBytes: GIB, cpus: 4 } });
    const findings = checkHostResources(layout, { instances: { a: big, b: big }, gpus: [], findings: [] });
    expect(findings.map((f) => f.code)).toEqual(["host.ram-overcommit"]);
    expect(findings[0]?.message).toContain('"a" 60.0 GiB (estimated need), "b" 8.0 GiB (--memory)');
  });
});

describe("validateLayout", () => {
  it("runs the instance rules with the resolver and the layout rules together", () => {
    const layout = makeLayout({
      instances: [{ id: "a", engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct", tp: 3, ...on([0, 1]) }],
    });
    const codes = validateLayout(layout, undefined, (model) => archOf(model), TEST_LOOKUP).map((f) => f.code);
    expect(codes).toEqual(["tp.heads-not-divisible", "placement.gpu-count"]);
  });
});
