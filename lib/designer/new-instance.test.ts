import { describe, expect, it } from "vitest";
import { findGpu } from "../catalog";
import { checkLayout } from "../layout/check-layout";
import { fixesOf } from "../vocabulary/finding";
import { type Instance, type Layout, layoutSchema } from "../vocabulary/layout-schema";
import { GIB } from "../vocabulary/units";
import { instanceFromCommand, newInstance } from "./new-instance";
import { shareUnderCeiling, withShare } from "./share-under-ceiling";

const RTX_4090D = findGpu("rtx-4090d")!;
const INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
const on = (...gpuIndices: number[]) => ({ hostId: "box", gpuIndices, anchor: gpuIndices[0]! });
const layoutWith = (instance: Instance): Layout =>
  layoutSchema.parse({
    name: "t",
    hosts: [
      {
        id: "box",
        name: "box",
        ramBytes: 64 * GIB,
        cpuCores: 16,
        gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d" })),
      },
    ],
    instances: [instance],
  });
const codes = (layout: Layout, vramCeiling?: number) =>
  checkLayout(layout, { vramCeiling }).findings.map((f) => f.code);

/** The seed's TGI command (lib/engines/parse/seed.test.ts): --tensor-parallel-size is not a TGI flag, so no TP size. */
const SEED_TGI = `docker run --gpus all -p 8080:80 ghcr.io/huggingface/text-generation-inference:latest --model-id Qwen/Qwen2.5-7B-Instruct --max-input-length 32768 --max-total-tokens 131072 --quantize gptq_int4 --tensor-parallel-size 4`;

describe("a new instance's memory share respects the VRAM ceiling", () => {
  it("vLLM on a 24 GB card starts at 0.89, not 0.9 (90.8 % with the CUDA context): no ceiling warning", () => {
    const plain = newInstance(INT4, on(0));
    expect(plain.gpuMemoryUtilization).toBe(0.9);
    expect(codes(layoutWith(plain))).toContain("gpu.memory-above-threshold");
    const fitted = newInstance(INT4, on(0), { vramCeiling: 0.9, gpu: RTX_4090D });
    expect(fitted.gpuMemoryUtilization).toBe(0.89);
    expect(codes(layoutWith(fitted))).toEqual([]);
  });

  it("is the largest hundredth under the ceiling, for each engine and a stricter ceiling", () => {
    for (const engine of ["vllm", "tgi"] as const)
      for (const ceiling of [0.9, 0.8, 0.75]) {
        const instance = newInstance(INT4, on(0, 1), { engine, vramCeiling: ceiling, gpu: RTX_4090D });
        const share = shareUnderCeiling(instance, RTX_4090D, ceiling);
        expect(share).toBeLessThanOrEqual(ceiling);
        expect(codes(layoutWith(instance), ceiling)).not.toContain("gpu.memory-above-threshold");
        const above = withShare(instance, Math.round(share * 100 + 1) / 100);
        if (share < ceiling) expect(codes(layoutWith(above), ceiling)).toContain("gpu.memory-above-threshold");
      }
  });

  it("an unknown model gets the engine's default capped at the ceiling", () => {
    expect(newInstance("acme/unknown", on(0), { vramCeiling: 0.85, gpu: RTX_4090D }).gpuMemoryUtilization).toBe(0.85);
  });
});

describe("a pasted command on selected GPUs", () => {
  it("without a TP size (the seed's TGI command) takes the selection: 4 GPUs, --num-shard 4", () => {
    const result = instanceFromCommand(SEED_TGI, on(0, 1, 2, 3), { vramCeiling: 0.9, gpu: RTX_4090D });
    if (!result.ok) throw new Error("not parsed");
    expect(result.instance.tp).toBe(4);
    expect(result.instance.placement).toEqual({ hostId: "box", gpuIndices: [0, 1, 2, 3] });
    expect(result.findings.map((f) => f.code)).not.toContain("paste.selection-size");
    // No --cuda-memory-fraction in the command: the default respects the ceiling.
    expect(result.instance.tgi?.cudaMemoryFraction).toBe(0.9);
  });

  it("with a smaller TP size goes on that many selected GPUs and says so, offering the whole selection", () => {
    const result = instanceFromCommand(
      "vllm serve Qwen/Qwen2.5-7B-Instruct -tp 2 --gpu-memory-utilization 0.8",
      on(0, 1, 2, 3),
    );
    if (!result.ok) throw new Error("not parsed");
    expect(result.instance.placement).toEqual({ hostId: "box", gpuIndices: [0, 1] });
    expect(result.instance.gpuMemoryUtilization).toBe(0.8);
    const warning = result.findings.find((f) => f.code === "paste.selection-size")!;
    expect(warning.message).toBe(
      'The command shards over 2 GPUs (--tensor-parallel-size 2) but 4 were selected: it was placed on GPUs 0, 1 of "box".',
    );
    expect(fixesOf(warning).map((f) => [f.label, f.patch])).toEqual([
      [
        "Use the 4 selected GPUs (--tensor-parallel-size 4)",
        { tp: 4, placement: { hostId: "box", gpuIndices: [0, 1, 2, 3] } },
      ],
      ["Keep --tensor-parallel-size 2 on GPUs 0, 1", {}],
    ]);
  });

  it("with a larger TP size than selected is added without GPUs, and says why", () => {
    const result = instanceFromCommand(
      "text-generation-launcher --model-id Qwen/Qwen2.5-7B-Instruct --num-shard 4",
      on(2),
    );
    if (!result.ok) throw new Error("not parsed");
    expect(result.instance.placement).toBeNull();
    const warning = result.findings.find((f) => f.code === "paste.selection-size")!;
    expect(warning.message).toContain("shards over 4 GPUs (--num-shard 4) but only 1 was selected");
    expect(fixesOf(warning)[0]!.patch).toEqual({ tp: 1, placement: { hostId: "box", gpuIndices: [2] } });
  });

  it("without a selection stays unplaced", () => {
    const result = instanceFromCommand("vllm serve Qwen/Qwen2.5-7B-Instruct", null);
    expect(result.ok && result.instance.placement).toBeNull();
  });
});
