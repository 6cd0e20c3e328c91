import { describe, expect, it } from "vitest";
import { parseHfConfig } from "./hf-config";
import { ggufBitsPerWeight } from "./gguf-types";

describe("GGUF types", () => {
  it("takes the block format's bits for a plain type", () => {
    expect(ggufBitsPerWeight("Q8_0")).toBe(8.5);
    expect(ggufBitsPerWeight("Q4_0")).toBe(4.5);
    expect(ggufBitsPerWeight("Q6_K")).toBe(6.5625);
  });

  it("weighs a mixed file type's promoted tensors in: Q4_K_M between Q4_K and Q6_K, nearer Q4_K", () => {
    const bits = ggufBitsPerWeight("Q4_K_M")!;
    expect(bits).toBeGreaterThan(4.5);
    expect(bits).toBeLessThan(5);
    expect(ggufBitsPerWeight("Q4_K_S")).toBe(4.5);
  });

  it("answers nothing for a name llama.cpp does not use, and the config error lists the names", () => {
    expect(ggufBitsPerWeight("Q4_K_XL")).toBeUndefined();
    const parsed = parseHfConfig(
      {
        model_type: "llama",
        hidden_size: 4096,
        intermediate_size: 14336,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        vocab_size: 128256,
        max_position_embeddings: 131072,
        quantization_config: { quant_method: "gguf", gguf_type: "Q4_K_XL" },
      },
      "x.gguf",
    );
    expect("error" in parsed && parsed.error).toMatch(/gguf_type is "Q4_K_XL".*Q4_K_M/);
  });
});
