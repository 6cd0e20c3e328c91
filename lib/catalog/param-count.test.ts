import { describe, expect, it } from "vitest";
import { findModel } from "./model-search";
import { countParams } from "./param-count";

const paramsOf = (id: string) => countParams(findModel(id)!);

describe("countParams", () => {
  it("matches published safetensors totals", () => {
    expect(paramsOf("Qwen/Qwen2.5-7B-Instruct")).toMatchObject({
      totalParams: 7_615_616_512,
      embeddingParams: 1_089_994_752,
    });
    expect(paramsOf("meta-llama/Llama-3.1-8B-Instruct").totalParams).toBe(8_030_261_248);
    expect(paramsOf("mistralai/Mistral-7B-Instruct-v0.3").totalParams).toBe(7_248_023_552);
  });

  it("counts a tied model's embedding once", () => {
    const small = paramsOf("Qwen/Qwen2.5-0.5B-Instruct");
    expect(small.embeddingParams).toBe(151_936 * 896);
    expect(small.totalParams).toBe(494_032_768);
  });

  it("splits MoE totals from active parameters", () => {
    const mixtral = paramsOf("mistralai/Mixtral-8x7B-Instruct-v0.1");
    expect(mixtral.totalParams).toBe(46_702_792_704);
    expect(mixtral.activeParams).toBe(12_879_925_248);
    const qwen3 = paramsOf("Qwen/Qwen3-30B-A3B");
    expect(qwen3.totalParams / 1e9).toBeCloseTo(30.5, 1);
    expect(qwen3.activeParams / 1e9).toBeCloseTo(3.35, 1);
  });

  it("counts DeepSeek-V3's MLA + MoE at 671B total, 37B active", () => {
    const ds = paramsOf("deepseek-ai/DeepSeek-V3");
    expect(Math.round(ds.totalParams / 1e9)).toBe(671);
    expect(Math.round(ds.activeParams / 1e9)).toBe(38);
  });
});
