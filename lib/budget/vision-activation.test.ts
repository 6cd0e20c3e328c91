import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHfConfig } from "../catalog/hf-config";
import { INTERNVIT_6B_VISION, QWEN25_VL_CONFIG, QWEN25_VL_VISION } from "../catalog/testing/vision-configs";
import type { ModelArch } from "../catalog/types";
import { paramGroups } from "./params";
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

describe("InternViT-6B's attention, whole on every rank when its 25 heads do not divide by TP", () => {
  // OpenGVLab/InternVL3-78B: InternViT-6B-448px-V2_5 beside Qwen2.5-72B under llm_config
  const parsed = parseHfConfig(
    {
      architectures: ["InternVLChatModel"],
      model_type: "internvl_chat",
      llm_config: {
        architectures: ["Qwen2ForCausalLM"],
        model_type: "qwen2",
        hidden_size: 8192,
        intermediate_size: 29568,
        num_hidden_layers: 80,
        num_attention_heads: 64,
        num_key_value_heads: 8,
        vocab_size: 151674,
        max_position_embeddings: 32768,
      },
      vision_config: INTERNVIT_6B_VISION,
    },
    "OpenGVLab/InternVL3-78B",
  );
  if (!("arch" in parsed)) throw new Error(parsed.error);
  const arch = parsed.arch;
  const visionParams = (tp: number) =>
    paramGroups(arch, { tp, vocabPadding: 64 }).find((g) => g.kind === "vision")!.params;
  const attention = 45 * 4 * 3200 ** 2;

  it("keeps the attention's parameters whole at TP 8 and shards them at TP 5", () => {
    const tower = arch.vision!.params;
    expect(visionParams(8)).toBe(attention + Math.ceil((tower - attention) / 8));
    expect(visionParams(5)).toBe(Math.ceil(tower / 5));
  });

  it("matches the H200 measurement of that rank's tower mirrored in PyTorch within 1 % (208 tiles)", () => {
    const run = (
      JSON.parse(readFileSync("bench/results/h200-internvit.json", "utf8")) as {
        runs: { tiles: number; peakBytesPerPatch: number }[];
      }
    ).runs.find((r) => r.tiles === 208)!;
    const modelled = visionProfileActivation(arch, {
      engine: "V0",
      tp: 8,
      maxNumSeqs: 256,
      maxNumBatchedTokens: 8192,
    })!;
    const perPatch = modelled.towerBytes / (modelled.images * 13 * 1025);
    expect(Math.abs(perPatch / run.peakBytesPerPatch - 1)).toBeLessThan(0.01);
  });

  it("peaks in that attention at TP 8 (18 × width per patch with q/k normalized), in the MLP at TP 5", () => {
    const run = (tp: number) =>
      visionProfileActivation(arch, { engine: "V0", tp, maxNumSeqs: 256, maxNumBatchedTokens: 8192 })!;
    // V0 profiles floor(8,192 / 3,328 tokens) = 2 sequences of one image each
    expect(run(8).images).toBe(2);
    const patches = 2 * 13 * 1025;
    const pixels = patches * 588 * (4 + 2);
    expect(run(8).towerBytes).toBe(patches * 18 * 3200 + pixels);
    expect(run(5).towerBytes).toBe(patches * 2 * (3 * 3200 + 2 * 2560) + pixels);
  });
});
