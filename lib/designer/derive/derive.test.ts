import { describe, expect, it } from "vitest";
import { budgetLayout } from "../../budget/layout";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import { DEFAULT_PLANNING_GPU, catalogBudgetResolver as catalogResolver } from "../../layout/resolvers";
import { plannedHost } from "../new-host";
import { newInstance } from "../new-instance";
import { DesignDeriver } from "./derive";

const INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
const host = plannedHost({ name: "host-a", gpuId: "rtx-4090d", gpuCount: 4, ramGiB: 64, cpuCores: 16 });
const pair = (id: string, gpus: number[]): Instance => ({
  ...newInstance(INT4, { hostId: "host-a", gpuIndices: gpus, anchor: gpus[0]! }),
  id,
});
const seed2x2: Layout = {
  schemaVersion: 1,
  name: "2×2 INT4",
  hosts: [host],
  instances: [pair("qwen-a", [0, 1]), pair("qwen-b", [2, 3])],
};

describe("DesignDeriver", () => {
  it("stacks each instance's budget on its GPUs, as lib/budget computes it", () => {
    const design = new DesignDeriver().derive(seed2x2);
    const expected = budgetLayout(seed2x2, catalogResolver, { defaultGpu: DEFAULT_PLANNING_GPU });
    const cells = design.rows[0]!.cells;
    expect(cells.map((c) => c.plannedBytes)).toEqual(expected.gpus.map((g) => g.plannedBytes));
    expect(cells[0]!.stacks.map((s) => s.instanceId)).toEqual(["qwen-a"]);
    expect(design.summary).toMatchObject({ gpusUsed: 4, gpusFree: 0, unplaced: 0 });
    expect(design.summary.kvTokensTotal).toBe(
      expected.instances["qwen-a"]!.kvCacheTokens + expected.instances["qwen-b"]!.kvCacheTokens,
    );
    expect(design.rows[0]!.bands.map((b) => [b.instanceId, b.column, b.span, b.lane])).toEqual([
      ["qwen-a", 0, 2, 0],
      ["qwen-b", 2, 2, 0],
    ]);
  });

  it("returns the same row and cell objects for what an edit did not touch", () => {
    const deriver = new DesignDeriver();
    const twoHosts: Layout = { ...seed2x2, hosts: [host, { ...host, id: "host-b", name: "host-b" }] };
    const before = deriver.derive(twoHosts);
    const edited = {
      ...twoHosts,
      instances: twoHosts.instances.map((i) => (i.id === "qwen-b" ? { ...i, gpuMemoryUtilization: 0.8 } : i)),
    };
    const after = deriver.derive(edited);
    expect(after.rows[1]).toBe(before.rows[1]);
    expect(after.rows[0]).not.toBe(before.rows[0]);
    expect(after.rows[0]!.cells[0]).toBe(before.rows[0]!.cells[0]);
    expect(after.rows[0]!.cells[2]).not.toBe(before.rows[0]!.cells[2]);
    expect(deriver.derive(edited)).toBe(after);
  });

  it("files findings under their instance and cells, with one-click patches", () => {
    const wrong: Layout = {
      ...seed2x2,
      instances: [
        { ...seed2x2.instances[0]!, engine: "tgi", tgi: { cudaMemoryFraction: 1 }, quantization: "gptq_int4" },
      ],
    };
    const design = new DesignDeriver().derive(wrong);
    const own = design.findings.byInstance.get("qwen-a") ?? [];
    expect(own.some((f) => f.severity === "error")).toBe(true);
    expect(design.rows[0]!.cells[0]!.errorCount).toBeGreaterThan(0);
    expect(design.rows[0]!.errors["qwen-a"]).toBeGreaterThan(0);
  });

  it("counts host RAM and CPUs from container limits", () => {
    const limited: Layout = {
      ...seed2x2,
      instances: seed2x2.instances.map((i) => ({ ...i, limits: { memoryBytes: 40 * 2 ** 30, cpus: 10 } })),
    };
    const { summary } = new DesignDeriver().derive(limited);
    expect(summary.ramPlannedBytes).toBe(80 * 2 ** 30);
    expect(summary.cpusPlanned).toBe(20);
    expect(summary.cpusPlanned > summary.cpuCores).toBe(true);
  });
});
