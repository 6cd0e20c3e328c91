import { describe, expect, it } from "vitest";
import { TEST_LOOKUP } from "../layout/testing/rule-fixtures";
import { findFlag } from "./flag-table";
import { validateFlags } from "./validate-flags";

const one = (...args: Parameters<typeof validateFlags>) => {
  const { findings } = validateFlags(...args);
  expect(findings).toHaveLength(1);
  return findings[0]!;
};

describe("flag tables", () => {
  it("know the real spellings and aliases", () => {
    expect(findFlag("vllm", "-tp")?.name).toBe("--tensor-parallel-size");
    expect(findFlag("vllm", "--max_model_len")?.name).toBe("--max-model-len");
    expect(findFlag("vllm", "-q")?.name).toBe("--quantization");
    expect(findFlag("vllm", "--no-enable-prefix-caching")?.name).toBe("--enable-prefix-caching");
    expect(findFlag("vllm", "--kv-cache-memory")?.name).toBe("--kv-cache-memory-bytes");
    expect(findFlag("tgi", "--num-shard")?.env).toBe("NUM_SHARD");
    expect(findFlag("tgi", "-p")?.name).toBe("--port");
    expect(findFlag("tgi", "--num_shard")).toBeUndefined();
  });
});

describe("validateFlags", () => {
  it("accepts a clean vLLM command", () => {
    const result = validateFlags("vllm", [
      { flag: "-tp", value: "2" },
      { flag: "--enforce-eager" },
      { flag: "--max-model-len", value: "32k" },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.accepted.map((a) => a.spec.name)).toEqual([
      "--tensor-parallel-size",
      "--enforce-eager",
      "--max-model-len",
    ]);
  });

  it("suggests the closest real flag for a typo", () => {
    const finding = one("tgi", [{ flag: "--num_shard", value: "2" }]);
    expect(finding.code).toBe("flag.unknown");
    expect(finding.fix).toBe("Did you mean --num-shard?");
    expect(one("vllm", [{ flag: "--gpu-memory-utilisation", value: "0.8" }]).fix).toBe(
      "Did you mean --gpu-memory-utilization?",
    );
  });

  it("translates vLLM flags given to TGI, with a patch", () => {
    const tp = one("tgi", [{ flag: "--tensor-parallel-size", value: "4" }]);
    expect(tp).toMatchObject({ code: "flag.other-engine", fix: "Use --num-shard 4.", patch: { tp: 4 } });
    const gmu = one("tgi", [{ flag: "--gpu-memory-utilization", value: "0.8" }]);
    expect(gmu.fix).toBe("Use --cuda-memory-fraction 0.8.");
    expect(gmu.patch).toEqual({ tgi: { cudaMemoryFraction: 0.8 } });
    const eager = one("tgi", [{ flag: "--enforce-eager" }]);
    expect(eager.fix).toBe("Use --cuda-graphs 0.");
  });

  it("translates TGI flags given to vLLM", () => {
    const shard = one("vllm", [{ flag: "--num-shard", value: "2" }]);
    expect(shard).toMatchObject({ fix: "Use --tensor-parallel-size 2.", patch: { tp: 2 } });
    const quant = one("vllm", [{ flag: "--quantize", value: "awq" }]);
    expect(quant.fix).toBe("Use --quantization awq.");
    const total = one("vllm", [{ flag: "--max-total-tokens", value: "8192" }]);
    expect(total.patch).toEqual({ maxModelLen: 8192 });
  });

  it("maps a quantization value that is not the engine's to the nearest real one", () => {
    const finding = one("tgi", [{ flag: "--quantize", value: "gptq_int4" }], {
      model: "Qwen/Qwen2.5-7B-Instruct",
      lookup: TEST_LOOKUP,
    });
    expect(finding.message).toBe("--quantize gptq_int4 is not a TGI value.");
    expect(finding.fix).toContain(
      "--quantize gptq (with a GPTQ checkpoint such as Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4)",
    );
    const onGptq = one("tgi", [{ flag: "--quantize", value: "gptq-int4" }], {
      model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
      lookup: TEST_LOOKUP,
    });
    expect(onGptq.patch).toEqual({ quantization: "gptq" });
    expect(one("vllm", [{ flag: "--quantization", value: "int4" }]).fix).toMatch(/^Use one of: .*gptq/);
  });

  it("rejects values outside the choices, non-numbers and fractions outside (0, 1]", () => {
    expect(one("vllm", [{ flag: "--kv-cache-dtype", value: "fp4" }]).code).toBe("flag.bad-choice");
    expect(one("vllm", [{ flag: "--max-num-seqs", value: "many" }]).code).toBe("flag.not-a-number");
    expect(one("vllm", [{ flag: "--gpu-memory-utilization", value: "90" }]).code).toBe("flag.out-of-range");
    expect(one("vllm", [{ flag: "--gpu-memory-utilization", value: "0" }]).code).toBe("flag.out-of-range");
    expect(validateFlags("vllm", [{ flag: "--gpu-memory-utilization", value: "1" }]).findings).toEqual([]);
    expect(one("tgi", [{ flag: "--cuda-memory-fraction", value: "1.2" }]).code).toBe("flag.out-of-range");
    expect(one("vllm", [{ flag: "--hf-overrides", value: "{rope_scaling: 1}" }]).code).toBe("flag.bad-json");
    expect(one("vllm", [{ flag: "--max-model-len" }]).code).toBe("flag.missing-value");
  });

  it("knows which releases have a flag", () => {
    const removed = one("vllm", [{ flag: "--rope-scaling", value: "{}" }], { engineVersion: "0.13.0" });
    expect(removed).toMatchObject({ code: "flag.removed", severity: "error" });
    expect(removed.fix).toContain("--hf-overrides");
    expect(
      validateFlags("vllm", [{ flag: "--rope-scaling", value: "{}" }], { engineVersion: "0.8.5" }).findings,
    ).toEqual([]);
    expect(one("vllm", [{ flag: "--rope-scaling", value: "{}" }]).severity).toBe("warning");
    expect(one("vllm", [{ flag: "--kv-cache-memory-bytes", value: "8G" }], { engineVersion: "0.9.2" }).code).toBe(
      "flag.too-new",
    );
  });

  it("warns on the legacy --max-input-length and on a flag given twice", () => {
    expect(one("tgi", [{ flag: "--max-input-length", value: "1024" }])).toMatchObject({
      severity: "warning",
      fix: "Use --max-input-tokens 1024.",
    });
    expect(
      one("vllm", [
        { flag: "-tp", value: "2" },
        { flag: "--tensor-parallel-size", value: "4" },
      ]).code,
    ).toBe("flag.duplicate");
  });
});
