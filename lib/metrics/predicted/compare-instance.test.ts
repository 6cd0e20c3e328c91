import { describe, expect, it } from "vitest";
import { WSL2_EXTRA_BYTES } from "../../budget/non-torch";
import type { MetricsInstance } from "../targets/inventory";
import { plannedBudget } from "./compare-instance";

const instance = (plannedGpu: MetricsInstance["plannedGpu"]) =>
  ({
    instanceKey: "qwen",
    gpuIndices: [0],
    spec: { id: "qwen", engine: "vllm", engineVersion: "0.11.0", model: "Qwen/Qwen2.5-7B-Instruct", maxModelLen: 8192 },
    plannedGpu,
  }) as MetricsInstance;

describe("the planned budget an applied instance is compared with", () => {
  it("is the one the designer showed: a card of a WSL2 host carries WSL2's CUDA overhead", () => {
    const linux = plannedBudget(instance({ gpuId: "rtx-4090d" }), undefined).budget!;
    const wsl = plannedBudget(instance({ gpuId: "rtx-4090d", wsl2: true }), undefined).budget!;
    expect(wsl.nonTorchBytes - linux.nonTorchBytes).toBe(WSL2_EXTRA_BYTES);
    const custom = plannedBudget(instance({ gpuId: "custom", memoryBytes: 24 * 2 ** 30, wsl2: true }), undefined);
    expect(custom.budget!.nonTorchBytes).toBeGreaterThanOrEqual(WSL2_EXTRA_BYTES);
  });
});
