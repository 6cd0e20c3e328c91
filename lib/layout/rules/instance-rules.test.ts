import { describe, expect, it } from "vitest";
import { checkContextLength, supportedContextLength, yarnFactorFor } from "./context-length";
import { checkQuantization } from "./quantization";
import { checkFp8BlockTp } from "./fp8-blocks";
import { findModel } from "../../catalog";
import { instanceSchema } from "../../vocabulary/layout-schema";
import { checkTensorParallel, nearestValidTps } from "./tensor-parallel";
import { makeInstance, QWEN_7B, QWEN_7B_AWQ, QWEN_7B_GPTQ, TEST_LOOKUP } from "../testing/rule-fixtures";
import { checkTgiLimits } from "./tgi-limits";
import { validateInstance } from "./index";

describe("tensor parallel", () => {
  it("accepts shard counts that divide the heads", () => {
    for (const tp of [1, 2, 4, 7, 14, 28]) expect(checkTensorParallel(makeInstance({ tp }), QWEN_7B)).toEqual([]);
  });
  it("rejects one that does not and patches the nearest valid one", () => {
    const [finding] = checkTensorParallel(makeInstance({ tp: 3 }), QWEN_7B);
    expect(finding?.message).toContain("--tensor-parallel-size 3 does not divide the model's 28 attention heads");
    expect(finding?.fix).toContain("2 or 4");
    expect(finding?.patch).toEqual({ tp: 2 });
  });
  it("names --num-shard for TGI", () => {
    const [finding] = checkTensorParallel(makeInstance({ engine: "tgi", tp: 8 }), QWEN_7B);
    expect(finding?.fix).toMatch(/^Use --num-shard 7 or 14/);
  });
  it("lists divisors below and above", () => {
    expect(nearestValidTps(28, 8)).toEqual([7, 14]);
    expect(nearestValidTps(32, 3)).toEqual([2, 4]);
  });
});

describe("context length", () => {
  it("accepts lengths within max_position_embeddings or reached by rope scaling", () => {
    expect(checkContextLength(makeInstance({ maxModelLen: 32768 }), QWEN_7B)).toEqual([]);
    const scaled = makeInstance({
      maxModelLen: 131072,
      ropeScaling: { type: "yarn", factor: 4, originalMaxPositionEmbeddings: 32768 },
    });
    expect(checkContextLength(scaled, QWEN_7B)).toEqual([]);
    expect(supportedContextLength(scaled, QWEN_7B)).toBe(131072);
  });
  it("quotes vLLM's refusal and patches YaRN ×4 for 131072 on Qwen2.5-7B", () => {
    const [finding, ...rest] = checkContextLength(makeInstance({ maxModelLen: 131072 }), QWEN_7B);
    expect(rest).toEqual([]);
    expect(finding?.code).toBe("context.needs-rope-scaling");
    expect(finding?.message).toContain(
      'vLLM stops with "User-specified max_model_len (131072) is greater than the derived max_model_len (max_position_embeddings=32768',
    );
    expect(finding?.patch).toEqual({ ropeScaling: { type: "yarn", factor: 4, originalMaxPositionEmbeddings: 32768 } });
  });
  it("lowers the length instead of offering rope scaling past ×8", () => {
    const [finding] = checkContextLength(makeInstance({ maxModelLen: 1_048_576 }), QWEN_7B);
    expect(finding?.patch).toEqual({ maxModelLen: 32768 });
    expect(finding?.fix).toMatch(/^Lower max_model_len to 32768/);
  });
  it("rounds the YaRN factor up to a power of two", () => {
    expect(yarnFactorFor(131072, 32768)).toBe(4);
    expect(yarnFactorFor(100000, 32768)).toBe(4);
    expect(yarnFactorFor(40000, 32768)).toBe(2);
  });
  it("gives the --rope-scaling flag for vLLM before 0.11", () => {
    const [finding] = checkContextLength(makeInstance({ engineVersion: "0.9.2", maxModelLen: 65536 }), QWEN_7B);
    expect(finding?.fix).toContain(
      `--rope-scaling '{"rope_type":"yarn","factor":2.0,"original_max_position_embeddings":32768}' --max-model-len 65536`,
    );
    expect(finding?.patch).toEqual({ ropeScaling: { type: "yarn", factor: 2, originalMaxPositionEmbeddings: 32768 } });
  });
  it("raises a factor that is too small", () => {
    const instance = makeInstance({
      maxModelLen: 131072,
      ropeScaling: { type: "yarn", factor: 2, originalMaxPositionEmbeddings: 32768 },
    });
    const [finding] = checkContextLength(instance, QWEN_7B);
    expect(finding?.patch?.ropeScaling?.factor).toBe(4);
  });
  it("reads TGI's --max-total-tokens", () => {
    const [finding] = checkContextLength(makeInstance({ engine: "tgi", tgi: { maxTotalTokens: 65536 } }), QWEN_7B);
    expect(finding?.fix).toContain("--rope-scaling dynamic --rope-factor 2.0");
  });
});

describe("quantization against the checkpoint", () => {
  it("accepts a matching or auto-detected method", () => {
    expect(
      checkQuantization(makeInstance({ model: QWEN_7B_GPTQ.id, quantization: "gptq" }), QWEN_7B_GPTQ, TEST_LOOKUP),
    ).toEqual([]);
    expect(
      checkQuantization(
        makeInstance({ model: QWEN_7B_GPTQ.id, quantization: "gptq_marlin" }),
        QWEN_7B_GPTQ,
        TEST_LOOKUP,
      ),
    ).toEqual([]);
    expect(checkQuantization(makeInstance({ quantization: "fp8" }), QWEN_7B, TEST_LOOKUP)).toEqual([]);
    expect(checkQuantization(makeInstance({ model: QWEN_7B_AWQ.id }), QWEN_7B_AWQ, TEST_LOOKUP)).toEqual([]);
  });
  it("names the GPTQ sibling when the checkpoint is not quantized", () => {
    const [finding] = checkQuantization(makeInstance({ quantization: "gptq" }), QWEN_7B, TEST_LOOKUP);
    expect(finding?.message).toContain("Qwen/Qwen2.5-7B-Instruct is not GPTQ-quantized");
    expect(finding?.patch).toEqual({ model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4" });
  });
  it("catches an AWQ checkpoint given quantization gptq", () => {
    const [finding] = checkQuantization(
      makeInstance({ model: QWEN_7B_AWQ.id, quantization: "gptq" }),
      QWEN_7B_AWQ,
      TEST_LOOKUP,
    );
    expect(finding?.code).toBe("quant.checkpoint-mismatch");
    expect(finding?.message).toContain("is a AWQ checkpoint");
    expect(finding?.patch).toEqual({ quantization: "awq" });
  });
  it("catches on-load quantization of an already quantized checkpoint", () => {
    const [finding] = checkQuantization(
      makeInstance({ engine: "tgi", model: QWEN_7B_GPTQ.id, quantization: "bitsandbytes" }),
      QWEN_7B_GPTQ,
      TEST_LOOKUP,
    );
    expect(finding?.patch).toEqual({ quantization: "gptq" });
  });
  it("catches a value the engine does not have", () => {
    const [finding] = checkQuantization(
      makeInstance({ engine: "tgi", quantization: "gptq_int4" }),
      QWEN_7B,
      TEST_LOOKUP,
    );
    expect(finding).toMatchObject({ code: "quant.unknown-value", patch: { quantization: "gptq" } });
    const [nothingClose] = checkQuantization(
      makeInstance({ model: QWEN_7B_AWQ.id, quantization: "zzz" }),
      QWEN_7B_AWQ,
      TEST_LOOKUP,
    );
    expect(nothingClose?.patch).toEqual({ quantization: "awq" });
    expect(nothingClose?.fix).toContain("leave --quantization out");
  });
  it("drops the flag when no quantized sibling is known", () => {
    const [finding] = checkQuantization(
      makeInstance({ model: "acme/plain-7b", quantization: "awq" }),
      { ...QWEN_7B, id: "acme/plain-7b" },
      TEST_LOOKUP,
    );
    expect(finding).toMatchObject({ code: "quant.checkpoint-not-quantized", patch: { quantization: undefined } });
  });
});

describe("TGI launcher limits", () => {
  it("requires max_input_tokens below max_total_tokens", () => {
    const [finding] = checkTgiLimits(
      makeInstance({ engine: "tgi", tgi: { maxInputTokens: 8192, maxTotalTokens: 8192 } }),
    );
    expect(finding?.code).toBe("tgi.input-not-below-total");
    expect(finding?.message).toContain('stops with "`max_input_tokens` must be < `max_total_tokens`"');
    expect(finding?.patch?.tgi?.maxInputTokens).toBe(8191);
    expect(
      checkTgiLimits(makeInstance({ engine: "tgi", tgi: { maxInputTokens: 8191, maxTotalTokens: 8192 } })),
    ).toEqual([]);
  });
  it("requires max_total_tokens within max_batch_total_tokens, and no sharded exl2", () => {
    expect(
      checkTgiLimits(makeInstance({ engine: "tgi", tgi: { maxTotalTokens: 9000, maxBatchTotalTokens: 8192 } }))[0]
        ?.code,
    ).toBe("tgi.total-above-batch-total");
    expect(checkTgiLimits(makeInstance({ engine: "tgi", quantization: "exl2", tp: 2 }))[0]?.code).toBe(
      "tgi.exl2-sharded",
    );
  });
});

describe("validateInstance", () => {
  it("is silent for a good instance and without an architecture runs only engine checks", () => {
    expect(validateInstance(makeInstance({ tp: 2, maxModelLen: 16384 }), QWEN_7B, TEST_LOOKUP)).toEqual([]);
    expect(validateInstance(makeInstance({ tp: 3 }), undefined, TEST_LOOKUP)).toEqual([]);
  });
});

describe("quant.fp8-block-tp", () => {
  const qwen235 = findModel("Qwen/Qwen3-235B-A22B-FP8")!;
  const at = (tp: number, vllm?: { expertParallel: boolean }) =>
    checkFp8BlockTp(instanceSchema.parse({ id: "big", engine: "vllm", model: qwen235.id, tp, vllm }), qwen235);

  it("refuses Qwen3-235B-A22B-FP8 at TP 8 in vLLM's words and lists the TP sizes that work", () => {
    const [f] = at(8);
    expect(f?.severity).toBe("error");
    expect(f?.message).toContain("weight = 192 is not divisible by weight quantization block_n = 128");
    expect(f?.fix).toContain("--tensor-parallel-size 1, 2, 4");
    expect(f?.fix).toContain("--enable-expert-parallel");
    expect(f?.patch).toEqual({ tp: 4 });
  });

  it("accepts TP 4, expert parallelism at TP 8, and block-wise checkpoints whose blocks divide (DeepSeek-V3 at TP 16)", () => {
    expect(at(4)).toEqual([]);
    expect(at(8, { expertParallel: true })).toEqual([]);
    const v3 = findModel("deepseek-ai/DeepSeek-V3")!;
    expect(checkFp8BlockTp(instanceSchema.parse({ id: "v3", engine: "vllm", model: v3.id, tp: 16 }), v3)).toEqual([]);
  });
});
