import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The command builders are imported here only, to check the simulator accepts what fleetdeck emits.
import { dockerRunWords, tgiLauncherCommand, vllmServeCommand } from "../../lib/engines/index";
import { type Instance, instanceSchema } from "../../lib/vocabulary/layout-schema";
import { vllmDefaultGpuMemoryUtilization } from "../../lib/vocabulary/vllm-defaults";
import { pickFace } from "./main";
import { parseTgiArgs } from "./tgi/args";
import { DEFAULT_TGI_VERSION } from "./tgi/launch";
import { parseVllmArgs } from "./vllm/args";
import { DEFAULT_VLLM_VERSION } from "./vllm/serve";

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const strip = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
const fraction = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);
const model = fc.constantFrom(
  "Qwen/Qwen2.5-7B-Instruct",
  "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
  "meta-llama/Llama-3.1-8B-Instruct",
  "/models/my model's copy",
);

const vllmInstance = fc
  .record({
    model,
    engineVersion: optional(fc.constantFrom("0.8.5", "0.9.2", "0.10.1", "0.10.2", "0.11.0")),
    tp: fc.constantFrom(1, 2, 4, 8),
    quantization: optional(
      fc.constantFrom("gptq", "awq", "fp8", "bitsandbytes", "gptq_marlin", "awq_marlin", "compressed-tensors"),
    ),
    dtype: fc.constantFrom("auto", "bfloat16", "float16", "half", "float32"),
    kvCacheDtype: fc.constantFrom("auto", "fp8", "fp8_e4m3", "fp8_e5m2"),
    maxModelLen: optional(fc.integer({ min: 256, max: 262144 })),
    ropeScaling: optional(
      fc.record({
        type: fc.constantFrom("yarn", "linear", "dynamic"),
        factor: fc.constantFrom(2, 2.5, 4),
        originalMaxPositionEmbeddings: optional(fc.constantFrom(4096, 32768)),
      }),
    ),
    gpuMemoryUtilization: fraction,
    maxNumSeqs: optional(fc.integer({ min: 1, max: 2048 })),
    maxNumBatchedTokens: optional(fc.integer({ min: 64, max: 65536 })),
    enforceEager: fc.boolean(),
    port: optional(fc.integer({ min: 1024, max: 65535 })),
  })
  .map((spec) =>
    instanceSchema.parse(
      strip({ id: "inst-1", engine: "vllm", ...spec, ropeScaling: spec.ropeScaling && strip(spec.ropeScaling) }),
    ),
  );

const tgiInstance = fc
  .record({
    model,
    engineVersion: optional(fc.constantFrom("2.4.1", "3.0.0", "3.3.5")),
    tp: fc.constantFrom(1, 2, 4),
    quantization: optional(
      fc.constantFrom("awq", "gptq", "marlin", "eetq", "fp8", "bitsandbytes-nf4", "compressed-tensors"),
    ),
    dtype: fc.constantFrom("auto", "bfloat16", "float16"),
    kvCacheDtype: fc.constantFrom("auto", "fp8_e4m3fn", "fp8_e5m2"),
    tgi: optional(
      fc.record({
        cudaMemoryFraction: fraction,
        maxInputTokens: optional(fc.integer({ min: 1, max: 100000 })),
        maxTotalTokens: optional(fc.integer({ min: 2, max: 200000 })),
        maxBatchPrefillTokens: optional(fc.integer({ min: 1, max: 100000 })),
        maxBatchTotalTokens: optional(fc.integer({ min: 1, max: 1000000 })),
      }),
    ),
    ropeScaling: optional(fc.record({ type: fc.constantFrom("linear", "dynamic"), factor: fc.constantFrom(1, 2, 4) })),
    enforceEager: fc.boolean(),
    port: optional(fc.integer({ min: 1024, max: 65535 })),
  })
  .map((spec) =>
    instanceSchema.parse(strip({ id: "inst-1", engine: "tgi", ...spec, tgi: spec.tgi && strip(spec.tgi) })),
  );

const placed = (spec: Instance, start: number) =>
  instanceSchema.parse({
    ...spec,
    placement: { hostId: "box", gpuIndices: Array.from({ length: spec.tp }, (_, i) => start + i) },
  });

function expectAccepted(result: { ok: boolean; message?: string }) {
  if (!result.ok) throw new Error(`the simulator refused fleetdeck's command:\n${result.message}`);
}

describe("the simulator accepts what fleetdeck's command builder emits", () => {
  it("vllm serve <model> … for every release profile", () => {
    fc.assert(
      fc.property(vllmInstance, (spec) => {
        const face = pickFace(vllmServeCommand(spec), undefined);
        if (!("face" in face) || face.face !== "vllm") throw new Error(`picked ${JSON.stringify(face)}`);
        const result = parseVllmArgs(face.args, spec.engineVersion ?? DEFAULT_VLLM_VERSION, face.entry);
        expectAccepted(result);
        if (!result.ok) return;
        const values = result.args.values;
        expect(values.model_tag).toBe(spec.model);
        expect(values.tensor_parallel_size ?? 1).toBe(spec.tp);
        expect(values.gpu_memory_utilization ?? vllmDefaultGpuMemoryUtilization(spec.engineVersion)).toBe(
          spec.gpuMemoryUtilization,
        );
        expect(values.max_model_len).toBe(spec.maxModelLen);
        expect(values.enforce_eager ?? false).toBe(spec.enforceEager);
      }),
      { numRuns: 300 },
    );
  });

  it("text-generation-launcher … for every release profile", () => {
    fc.assert(
      fc.property(tgiInstance, (spec) => {
        const face = pickFace(tgiLauncherCommand(spec), undefined);
        if (!("face" in face) || face.face !== "tgi") throw new Error(`picked ${JSON.stringify(face)}`);
        const result = parseTgiArgs(face.args, spec.engineVersion ?? DEFAULT_TGI_VERSION, {});
        expectAccepted(result);
        if (!result.ok) return;
        expect(result.values.model_id).toBe(spec.model);
        expect(result.values.num_shard ?? 1).toBe(spec.tp);
        expect(result.values.quantize).toBe(spec.quantization);
      }),
      { numRuns: 300 },
    );
  });

  it("the engine arguments of a docker run line, as the image's entrypoint receives them", () => {
    fc.assert(
      fc.property(fc.oneof(vllmInstance, tgiInstance), fc.integer({ min: 0, max: 3 }), (base, start) => {
        const spec = placed(base, start);
        const words = dockerRunWords(spec);
        const image = words.findIndex(
          (w) => w.startsWith("vllm/vllm-openai") || w.startsWith("ghcr.io/huggingface/text-generation-inference"),
        );
        const face = pickFace(words.slice(image + 1), spec.engine);
        if (!("face" in face)) throw new Error(face.error);
        const result =
          face.face === "vllm"
            ? parseVllmArgs(face.args, spec.engineVersion ?? DEFAULT_VLLM_VERSION, face.entry)
            : parseTgiArgs(face.args, spec.engineVersion ?? DEFAULT_TGI_VERSION, {});
        expectAccepted(result);
      }),
      { numRuns: 300 },
    );
  });
});

/** The seed article's commands (shared/seed/qwen2.5-7b-container-deployment.zh.md), copied. */
const SEED_TGI_ARGS = [
  "--model-id",
  "Qwen/Qwen2.5-7B-Instruct",
  "--max-input-length",
  "32768",
  "--max-total-tokens",
  "131072",
  "--quantize",
  "gptq_int4",
  "--tensor-parallel-size",
  "4",
];

describe("the simulator rejects the seed's wrong flags like the real CLIs", () => {
  it("TGI: --quantize gptq_int4 is clap's invalid value, with the possible values and the near one", () => {
    const result = parseTgiArgs(SEED_TGI_ARGS, DEFAULT_TGI_VERSION, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.exitCode).toBe(2);
    expect(result.message).toContain("error: invalid value 'gptq_int4' for '--quantize <QUANTIZE>'");
    expect(result.message).toContain(
      "[possible values: awq, compressed-tensors, eetq, exl2, gptq, marlin, bitsandbytes, bitsandbytes-nf4, bitsandbytes-fp4, fp8]",
    );
    expect(result.message).toContain("tip: a similar value exists: 'gptq'");
  });

  it("TGI: --tensor-parallel-size is clap's unexpected argument (TGI shards with --num-shard)", () => {
    const result = parseTgiArgs(
      ["--model-id", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--quantize", "gptq", "--tensor-parallel-size", "4"],
      DEFAULT_TGI_VERSION,
      {},
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(
        /^error: unexpected argument '--tensor-parallel-size' found\n\n(.|\n)*Usage: text-generation-launcher \[OPTIONS\]/,
      );
  });

  it("TGI: the env-var form QUANTIZE=gptq_int4 is refused the same way", () => {
    const result = parseTgiArgs(["--model-id", "Qwen/Qwen2.5-7B-Instruct"], DEFAULT_TGI_VERSION, {
      QUANTIZE: "gptq_int4",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("invalid value 'gptq_int4' for '--quantize <QUANTIZE>'");
  });

  it("vLLM: gptq_int4 is not a quantization method (argparse invalid choice), unknown flags are unrecognized", () => {
    const bad = parseVllmArgs(
      ["Qwen/Qwen2.5-7B-Instruct", "--quantization", "gptq_int4"],
      DEFAULT_VLLM_VERSION,
      "serve",
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.message).toContain(
        "vllm serve: error: argument --quantization/-q: invalid choice: 'gptq_int4' (choose from 'aqlm', 'awq'",
      );
    const unknown = parseVllmArgs(["Qwen/Qwen2.5-7B-Instruct", "--num-shard", "4"], DEFAULT_VLLM_VERSION, "serve");
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.message).toBe(
        "usage: vllm serve [model_tag] [options]\nvllm serve: error: unrecognized arguments: --num-shard 4\n",
      );
  });

  it("vLLM: --rope-scaling is gone after 0.11.0 (vllm#28006), --hf-overrides carries it", () => {
    const rope = [
      "Qwen/Qwen2.5-7B-Instruct",
      "--rope-scaling",
      '{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}',
    ];
    expect(parseVllmArgs(rope, "0.11.0", "serve").ok).toBe(true);
    expect(parseVllmArgs(rope, "0.11.1", "serve").ok).toBe(false);
  });
});
