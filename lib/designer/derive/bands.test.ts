import { describe, expect, it } from "vitest";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import { plannedHost } from "../new-host";
import { newInstance } from "../new-instance";
import { bandsByHost, instanceLabel } from "./bands";
import { indexFindings } from "./findings-index";

const host = plannedHost({ name: "host-a", gpuId: "rtx-4090d", gpuCount: 4, ramGiB: 64, cpuCores: 16 });
const on = (id: string, gpus: number[]): Instance => ({
  ...newInstance("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", { hostId: "host-a", gpuIndices: gpus, anchor: gpus[0]! }),
  id,
});
const layout = (instances: Instance[]): Layout => ({ schemaVersion: 1, name: "t", hosts: [host], instances });

describe("bandsByHost", () => {
  it("draws adjacent GPUs as one block and stacks blocks that share GPUs in lanes", () => {
    const bands = bandsByHost(layout([on("a", [0, 1]), on("b", [1]), on("c", [2, 3]), on("d", [3])])).get("host-a")!;
    expect(bands.map((b) => [b.instanceId, b.column, b.span, b.lane])).toEqual([
      ["a", 0, 2, 0],
      ["b", 1, 1, 1],
      ["c", 2, 2, 0],
      ["d", 3, 1, 1],
    ]);
  });

  it("splits an instance on non-adjacent GPUs into parts, the first one primary", () => {
    const bands = bandsByHost(layout([on("a", [0, 2])])).get("host-a")!;
    expect(bands.map((b) => [b.column, b.span, b.primary, b.part, b.parts])).toEqual([
      [0, 1, true, 0, 2],
      [2, 1, false, 1, 2],
    ]);
  });

  it("labels a block with model, engine, quantization and TP", () => {
    expect(instanceLabel({ ...on("q", [0, 1]), quantization: "gptq" })).toBe(
      "q: Qwen2.5-7B-Instruct-GPTQ-Int4, vLLM, gptq, TP 2",
    );
  });
});

describe("plannedHost", () => {
  it("declares a host from the add-host dialog, with NVLink only where the GPU has it", () => {
    expect(plannedHost({ name: "Host A", gpuId: "4090d", gpuCount: 2, ramGiB: 64, cpuCores: 16 })).toEqual({
      id: "host-a",
      name: "Host A",
      gpus: [
        { index: 0, gpuId: "rtx-4090d" },
        { index: 1, gpuId: "rtx-4090d" },
      ],
      ramBytes: 64 * 2 ** 30,
      cpuCores: 16,
      labels: {},
    });
    expect(
      plannedHost({ name: "hgx", gpuId: "h100-sxm", gpuCount: 1, ramGiB: 1, cpuCores: 1 }).gpus[0]!.nvlinkGroup,
    ).toBe(0);
  });
});

describe("indexFindings", () => {
  it("deduplicates, puts errors first and files instance findings under its GPUs", () => {
    const l = layout([on("a", [0, 1])]);
    const warn = { code: "w", severity: "warning" as const, message: "w", fix: "f", instanceId: "a" };
    const err = { code: "e", severity: "error" as const, message: "e", fix: "f", hostId: "host-a", gpuIndex: 3 };
    const general = { code: "g", severity: "warning" as const, message: "g", fix: "f" };
    const index = indexFindings(l, [warn, warn, err, general]);
    expect(index.all.map((f) => f.code)).toEqual(["e", "w", "g"]);
    expect(index.byCell.get("host-a#0")!.map((f) => f.code)).toEqual(["w"]);
    expect(index.byCell.get("host-a#3")!.map((f) => f.code)).toEqual(["e"]);
    expect(index.general.map((f) => f.code)).toEqual(["g"]);
  });
});
