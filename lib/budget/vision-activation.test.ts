import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHfConfig } from "../catalog/hf-config";
import { QWEN25_VL_CONFIG, QWEN25_VL_VISION } from "../catalog/testing/qwen25-vl-config";
import type { ModelArch } from "../catalog/types";
import { visionProfileActivation } from "./vision-activation";

// Qwen/Qwen2.5-VL-7B-Instruct, the shape bench/gpu/measure_vision_tower.py mirrors; patch, merge and temporal sizes
// left to transformers' defaults.
function qwen25Vl(): ModelArch {
  const { patch_size, spatial_merge_size, temporal_patch_size, ...vision } = QWEN25_VL_VISION;
  const parsed = parseHfConfig({ ...QWEN25_VL_CONFIG, vision_config: vision }, "Qwen/Qwen2.5-VL-7B-Instruct");
  if (!("arch" in parsed)) throw new Error("the config should parse");
  return parsed.arch;
}

interface TowerRun {
  rotary: "kernel" | "torch";
  patches: number;
  peakBytes: number;
}
const measured = JSON.parse(readFileSync("bench/results/h200-vision-tower.json", "utf8")) as { runs: TowerRun[] };

describe("the vision tower's profile-run peak", () => {
  const arch = qwen25Vl();
  const v1 = { engine: "V1" as const, tp: 1, maxNumSeqs: 256, maxNumBatchedTokens: 2048 };

  it("profiles one 16,384-token image of 65,536 patches in V1 (an encoder budget of one item)", () => {
    expect(visionProfileActivation(arch, v1)?.images).toBe(1);
    expect(arch.vision?.patchesPerItem).toBe(65_536);
  });

  it("is within 2 % of the H200 measurement of the mirrored tower at 65,536 patches (fused rotary kernel)", () => {
    const run = measured.runs.find((r) => r.rotary === "kernel" && r.patches === 65_536)!;
    const predicted = visionProfileActivation(arch, v1)!.towerBytes;
    expect(Math.abs(predicted / run.peakBytes - 1)).toBeLessThan(0.02);
  });

  it("keeps the float32 pixel values beside the language model's dummy batch", () => {
    const vision = visionProfileActivation(arch, v1)!;
    const embeddings = 16_384 * 3584 * 2;
    expect(vision.outputBytes - embeddings).toBe(65_536 * 3 * 2 * 14 * 14 * 4);
  });

  it("all-gathers qkv under TP: the peak per patch falls less than the shard count", () => {
    const one = visionProfileActivation(arch, v1)!.towerBytes;
    const two = visionProfileActivation(arch, { ...v1, tp: 2 })!.towerBytes;
    expect(two).toBeLessThan(one);
    expect(two).toBeGreaterThan(one / 2);
  });

  it("is absent when images are turned off", () => {
    expect(visionProfileActivation(arch, { ...v1, imagesPerPrompt: 0 })).toBeUndefined();
  });
});
