import { describe, expect, it } from "vitest";
import { findModel, listModels, searchModels } from "./model-search";
import { resolveModelArch } from "./resolve-model-arch";

describe("findModel", () => {
  it.each([
    ["Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"],
    ["qwen/qwen2.5-7b-instruct", "Qwen/Qwen2.5-7B-Instruct"],
    ["qwen2.5-7b-instruct", "Qwen/Qwen2.5-7B-Instruct"],
    ["Qwen2.5-7B-Instruct-GPTQ-Int4", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"],
    ["Qwen2.5 7B Instruct", "Qwen/Qwen2.5-7B-Instruct"],
    ["https://huggingface.co/Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"],
    [
      "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json",
      "meta-llama/Llama-3.1-8B-Instruct",
    ],
    ["phi-4", "microsoft/phi-4"],
    ["Meta-Llama-3.1-70B-Instruct-quantized.w8a8", "RedHatAI/Meta-Llama-3.1-70B-Instruct-quantized.w8a8"],
  ])("%s", (query, id) => {
    expect(findModel(query)?.id).toBe(id);
  });

  it("returns undefined for unknown names", () => {
    expect(findModel("Qwen/Qwen2.5-8B-Instruct")).toBeUndefined();
    expect(findModel("qwen")).toBeUndefined();
    expect(findModel("  ")).toBeUndefined();
  });
});

describe("searchModels", () => {
  const ids = (query: string, limit?: number) => searchModels(query, limit).map((m) => m.id);

  it("ranks the exact name first, then its quantized siblings", () => {
    const hits = ids("qwen2.5-7b-instruct", 5);
    expect(hits[0]).toBe("Qwen/Qwen2.5-7B-Instruct");
    expect(hits.slice(1)).toEqual(
      expect.arrayContaining(["Qwen/Qwen2.5-7B-Instruct-AWQ", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4"]),
    );
  });

  it("matches words in any order without mixing sizes", () => {
    const hits = ids("7b qwen2.5");
    expect(hits[0]).toBe("Qwen/Qwen2.5-7B-Instruct");
    expect(hits.some((id) => id.includes("72B"))).toBe(false);
    expect(ids("awq 72b")[0]).toBe("Qwen/Qwen2.5-72B-Instruct-AWQ");
  });

  it("finds families, quant formats and compact spellings", () => {
    expect(ids("llama 70b")).toEqual(
      expect.arrayContaining(["meta-llama/Llama-3.1-70B-Instruct", "meta-llama/Llama-3.3-70B-Instruct"]),
    );
    expect(ids("gptq-int4")).toHaveLength(4);
    expect(ids("llama3.1-8b")[0]).toBe("meta-llama/Llama-3.1-8B-Instruct");
    expect(ids("deepseek", 20).length).toBeGreaterThanOrEqual(8);
  });

  it("honours the limit and an empty query", () => {
    expect(searchModels("qwen", 3)).toHaveLength(3);
    expect(searchModels("", 4)).toEqual(listModels().slice(0, 4));
    expect(searchModels("zzzz-no-such-model")).toEqual([]);
  });
});

describe("resolveModelArch", () => {
  it("uses the catalog", () => {
    const result = resolveModelArch("Qwen/Qwen2.5-7B-Instruct");
    if ("error" in result) throw new Error(result.error);
    expect(result.origin).toBe("catalog");
    expect(result.arch.numKeyValueHeads).toBe(4);
  });

  it("prefers a pasted config.json", () => {
    const config = {
      hidden_size: 1024,
      intermediate_size: 4096,
      num_hidden_layers: 4,
      num_attention_heads: 8,
      vocab_size: 32000,
      max_position_embeddings: 4096,
    };
    const result = resolveModelArch("my-org/my-finetune", config);
    if ("error" in result) throw new Error(result.error);
    expect(result).toMatchObject({ origin: "config", arch: { id: "my-org/my-finetune", numLayers: 4, headDim: 128 } });
  });

  it("explains an unknown model and suggests close ones", () => {
    const result = resolveModelArch("Qwen/Qwen2.5-7B-Chat");
    expect(result).toEqual({
      error: expect.stringMatching(
        /"Qwen\/Qwen2\.5-7B-Chat" is not in the built-in catalog: paste the model's config\.json.*Close catalog names: Qwen\/Qwen2\.5-7B-Instruct/,
      ),
    });
    expect(resolveModelArch("")).toEqual({ error: expect.stringMatching(/model is empty/) });
  });

  it("passes a pasted config's error through", () => {
    expect(resolveModelArch("x/y", { temperature: 0.7 })).toEqual({
      error: expect.stringMatching(/generation_config\.json/),
    });
  });
});
