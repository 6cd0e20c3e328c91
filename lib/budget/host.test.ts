import { describe, expect, it } from "vitest";
import { RTX_4090D } from "./testing/gpu-fixtures";
import { budgetInstance } from "./instance";
import { QWEN25_7B } from "./testing/model-fixtures";
import { makeInstance } from "./testing/test-helpers";
import { GIB } from "../vocabulary/units";

const budget = (input: Parameters<typeof makeInstance>[0]) => budgetInstance(makeInstance(input), QWEN25_7B, RTX_4090D);
const codes = (input: Parameters<typeof makeInstance>[0]) => budget(input).findings.map((f) => f.code);

describe("container limits against what the instance needs", () => {
  it("is quiet without limits and with generous ones", () => {
    expect(codes({ model: QWEN25_7B.id, tp: 4 })).toEqual([]);
    expect(
      codes({ model: QWEN25_7B.id, tp: 4, limits: { memoryBytes: 64 * GIB, cpus: 8, shmBytes: 4 * GIB } }),
    ).toEqual([]);
  });

  it("errors on a --memory below the checkpoint plus worker processes, patching it up to whole GiB", () => {
    const b = budget({ model: QWEN25_7B.id, tp: 4, limits: { memoryBytes: 8 * GIB } });
    const f = b.findings.find((x) => x.code === "budget.container-memory-too-small")!;
    expect(f).toMatchObject({ severity: "error", field: "limits.memoryBytes", instanceId: "qwen" });
    expect(f.message).toContain("OOM-kills");
    expect(f.patch?.limits?.memoryBytes).toBe(Math.ceil(b.host.ramBytes / GIB) * GIB);
    expect(f.patch!.limits!.memoryBytes!).toBeGreaterThanOrEqual(b.host.ramBytes);
  });

  it("warns on --cpus below the busy processes (server, engine core, one worker per GPU)", () => {
    const f = budget({ model: QWEN25_7B.id, tp: 4, limits: { cpus: 2 } }).findings.find(
      (x) => x.code === "budget.container-cpus-too-few",
    )!;
    expect(f.severity).toBe("warning");
    expect(f.patch?.limits?.cpus).toBe(6);
  });

  it("errors on a small --shm-size once TP > 1, and not at TP 1", () => {
    const f = budget({ model: QWEN25_7B.id, tp: 4, limits: { shmBytes: 64 * 1024 * 1024 } }).findings.find(
      (x) => x.code === "budget.shm-too-small",
    )!;
    expect(f.fix).toContain("--ipc=host");
    expect(f.patch?.limits?.shmBytes).toBe(2 * GIB);
    expect(
      codes({ model: QWEN25_7B.id, tp: 1, gpuMemoryUtilization: 0.95, limits: { shmBytes: 64 * 1024 * 1024 } }),
    ).not.toContain("budget.shm-too-small");
  });
});
