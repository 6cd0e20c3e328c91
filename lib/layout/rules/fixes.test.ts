import { describe, expect, it } from "vitest";
import { type Finding, fixesOf } from "../../vocabulary/finding";
import { type InstanceInput, type Layout, layoutSchema } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";
import { checkLayout } from "../check-layout";

/** Each offered fix, applied on its own, makes the finding go away: checked with the real catalog, budget and rules. */

const QWEN = "Qwen/Qwen2.5-7B-Instruct";
const QWEN_INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
const host = {
  id: "box",
  name: "box",
  ramBytes: 64 * GIB,
  cpuCores: 16,
  gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d" })),
};
const layoutOf = (...instances: InstanceInput[]): Layout => layoutSchema.parse({ name: "t", hosts: [host], instances });
const one = (input: Partial<InstanceInput>): Layout =>
  layoutOf({
    id: "q",
    engine: "vllm",
    model: QWEN_INT4,
    port: 8000,
    placement: { hostId: "box", gpuIndices: [0] },
    ...input,
  });

function findingOf(layout: Layout, code: string, vramCeiling?: number): Finding | undefined {
  return checkLayout(layout, { vramCeiling }).findings.find((f) => f.code === code);
}

/** Applies one fix as the designer does (a shallow patch of the instance it names). */
function applied(layout: Layout, finding: Finding, k: number): Layout {
  const fix = fixesOf(finding)[k]!;
  const id = fix.instanceId ?? finding.instanceId;
  return { ...layout, instances: layout.instances.map((i) => (i.id === id ? { ...i, ...fix.patch } : i)) };
}

function expectEachFixClears(layout: Layout, code: string, count: number, vramCeiling?: number): Finding {
  const finding = findingOf(layout, code, vramCeiling);
  expect(finding, code).toBeDefined();
  expect(fixesOf(finding!)).toHaveLength(count);
  for (let k = 0; k < count; k += 1) expect(findingOf(applied(layout, finding!, k), code, vramCeiling)).toBeUndefined();
  return finding!;
}

describe("findings with several fixes offer each, and each one works", () => {
  it("vLLM's default 0.9 on a 24 GB card is above the 90 % ceiling: lower the share (CUDA context comes on top)", () => {
    const finding = expectEachFixClears(one({}), "gpu.memory-above-threshold", 1);
    expect(finding.message).toContain("planned at 90.8 % of its memory");
    expect(finding.message).toContain("above the 90 % ceiling");
    expect(fixesOf(finding)[0]).toEqual({
      label: 'Lower "q" --gpu-memory-utilization to 0.89',
      patch: { gpuMemoryUtilization: 0.89 },
      instanceId: "q",
    });
  });

  it("the ceiling is a setting: the same plan is fine under 95 % and judged against 80 %", () => {
    expect(findingOf(one({}), "gpu.memory-above-threshold", 0.95)).toBeUndefined();
    const strict = expectEachFixClears(one({ gpuMemoryUtilization: 0.8 }), "gpu.memory-above-threshold", 1, 0.8);
    expect(strict.message).toContain("above the 80 % ceiling");
  });

  it("a context past the model's: YaRN, or the model's own length", () => {
    const finding = expectEachFixClears(
      one({ model: QWEN, tp: 4, maxModelLen: 131072, placement: { hostId: "box", gpuIndices: [0, 1, 2, 3] } }),
      "context.needs-rope-scaling",
      2,
    );
    expect(fixesOf(finding).map((f) => f.label)).toEqual(["Enable YaRN ×4", "Lower max_model_len to 32768"]);
  });

  it("--quantization gptq on an unquantized checkpoint: its GPTQ sibling, or no --quantization", () => {
    const finding = expectEachFixClears(
      one({ model: QWEN, quantization: "gptq" }),
      "quant.checkpoint-not-quantized",
      2,
    );
    expect(fixesOf(finding)[0]).toEqual({ label: `Use ${QWEN_INT4}`, patch: { model: QWEN_INT4 } });
  });

  it("a value TGI does not know: the nearest TGI value, or auto-detect", () => {
    const finding = expectEachFixClears(one({ engine: "tgi", quantization: "gptq_int4" }), "quant.unknown-value", 2);
    expect(fixesOf(finding).map((f) => f.label)).toEqual(["Use --quantize gptq", "Leave --quantize out (auto-detect)"]);
  });
});

describe("fixesOf", () => {
  const base: Finding = { code: "x", severity: "error", message: "m", fix: "Use 2." };
  it("is the finding's patch under its fix text when it lists no fixes, and none without a patch", () => {
    expect(fixesOf(base)).toEqual([]);
    expect(fixesOf({ ...base, patch: { tp: 2 } })).toEqual([{ label: "Use 2.", patch: { tp: 2 } }]);
    const fixes = [
      { label: "a", patch: { tp: 2 } },
      { label: "b", patch: { tp: 4 } },
    ];
    expect(fixesOf({ ...base, patch: { tp: 2 }, fixes })).toBe(fixes);
  });
});
