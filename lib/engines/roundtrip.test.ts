import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Instance, instanceSchema } from "../vocabulary/layout-schema";
import { dockerRunLine } from "./docker-run";
import { parseCommandText } from "./parse/index";
import { shellJoin } from "./shell-quote";
import { tgiLauncherCommand } from "./tgi/command";
import { TGI_QUANTIZE_METHODS } from "./tgi/flags";
import { vllmServeCommand } from "./vllm/command";
import { GIB, MIB } from "../vocabulary/units";
import { vllmDefaultGpuMemoryUtilization } from "../vocabulary/vllm-defaults";

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const strip = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const model = fc.constantFrom(
  "Qwen/Qwen2.5-7B-Instruct",
  "meta-llama/Llama-3.1-8B-Instruct",
  "/models/my model's copy",
  "mistralai/Mistral-7B-Instruct-v0.3",
);
const fraction = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);
const port = fc.integer({ min: 1024, max: 65535 }).filter((p) => p !== 8000 && p !== 3000 && p !== 80);

/** The vLLM memory flags (env-var settings travel only in `docker run`, below). */
const vllmMemorySettings = fc.record({
  blockSize: optional(fc.constantFrom(16, 32, 128)),
  pipelineParallelSize: optional(fc.constantFrom(2, 4)),
  kvCacheMemoryBytes: optional(fc.integer({ min: 1, max: 64 }).map((n) => n * GIB)),
  numGpuBlocksOverride: optional(fc.integer({ min: 1, max: 100000 })),
  cpuOffloadBytes: optional(fc.integer({ min: 1, max: 64 }).map((n) => n * GIB)),
  swapSpaceBytes: optional(fc.integer({ min: 0, max: 16 }).map((n) => n * GIB)),
  enableChunkedPrefill: optional(fc.boolean()),
  enablePrefixCaching: optional(fc.boolean()),
  cudaGraphSizes: optional(fc.array(fc.integer({ min: 1, max: 512 }), { minLength: 1, maxLength: 6 })),
  lora: optional(fc.record({ maxLoras: fc.integer({ min: 1, max: 8 }), maxLoraRank: fc.constantFrom(8, 16, 64) })),
  speculative: optional(
    fc.record({
      method: optional(fc.constantFrom("eagle", "ngram", "mtp")),
      model: optional(fc.constantFrom("yuhuili/EAGLE-LLaMA3.1-Instruct-8B", "Qwen/Qwen2.5-0.5B-Instruct")),
      numSpeculativeTokens: fc.integer({ min: 1, max: 8 }),
    }),
  ),
  limitMmPerPrompt: optional(fc.record({ image: fc.integer({ min: 0, max: 4 }) })),
  calculateKvScales: optional(fc.constant(true)),
  disableCustomAllReduce: optional(fc.constant(true)),
  expertParallel: optional(fc.constant(true)),
});

const vllmSpec = fc
  .record({
    model,
    engineVersion: optional(fc.constantFrom("0.8.5", "0.10.1", "0.11.0", "0.13.0")),
    tp: fc.constantFrom(1, 2, 4, 8),
    quantization: optional(fc.constantFrom("gptq", "awq", "fp8", "bitsandbytes", "gptq_marlin", "compressed-tensors")),
    dtype: fc.constantFrom("auto", "bfloat16", "float16", "half", "float32"),
    kvCacheDtype: fc.constantFrom("auto", "fp8", "fp8_e4m3", "fp8_e5m2"),
    maxModelLen: optional(fc.integer({ min: 256, max: 262144 })),
    ropeScaling: optional(
      fc.record({
        type: fc.constantFrom("yarn", "linear", "dynamic"),
        factor: fc.constantFrom(2, 2.5, 4, 8),
        originalMaxPositionEmbeddings: optional(fc.constantFrom(4096, 32768)),
      }),
    ),
    gpuMemoryUtilization: fraction,
    maxNumSeqs: optional(fc.integer({ min: 1, max: 2048 })),
    maxNumBatchedTokens: optional(fc.integer({ min: 64, max: 65536 })),
    enforceEager: fc.boolean(),
    port: optional(port),
    vllm: optional(vllmMemorySettings),
  })
  .map((spec) => {
    // --kv-cache-memory-bytes arrived in 0.10.2: older releases would refuse it.
    const knowsKvBytes = spec.engineVersion === undefined || !["0.8.5", "0.10.1"].includes(spec.engineVersion);
    const vllm =
      spec.vllm && strip({ ...spec.vllm, kvCacheMemoryBytes: knowsKvBytes ? spec.vllm.kvCacheMemoryBytes : undefined });
    return instanceSchema.parse(
      strip({
        id: "inst-1",
        engine: "vllm",
        ...spec,
        ropeScaling: spec.ropeScaling && strip(spec.ropeScaling),
        vllm: vllm && Object.keys(vllm).length > 0 ? vllm : undefined,
      }),
    );
  });

const tgiSpec = fc
  .record({
    model,
    engineVersion: optional(fc.constantFrom("2.4.1", "3.0.0", "3.3.5")),
    tp: fc.constantFrom(1, 2, 4),
    quantization: optional(fc.constantFrom(...TGI_QUANTIZE_METHODS)),
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
    ropeScaling: optional(
      fc.record({ type: fc.constantFrom("linear", "dynamic"), factor: fc.constantFrom(1, 2, 2.5, 4) }),
    ),
    enforceEager: fc.boolean(),
    port: optional(port),
  })
  .map((spec) => {
    const tgi = spec.tgi && strip(spec.tgi);
    const meaningful =
      tgi && Object.keys(tgi).some((key) => key !== "cudaMemoryFraction" || tgi.cudaMemoryFraction !== 1);
    return instanceSchema.parse(strip({ id: "inst-1", engine: "tgi", ...spec, tgi: meaningful ? tgi : undefined }));
  });

const dockerExtras = fc.record({
  id: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
  port: port,
  gpuStart: fc.integer({ min: 0, max: 3 }),
  pinned: fc.boolean(),
  memoryBytes: optional(fc.integer({ min: 1, max: 512 }).map((n) => n * GIB)),
  cpus: optional(fc.integer({ min: 1, max: 640 }).map((n) => n / 10)),
  shmBytes: optional(fc.integer({ min: 64, max: 65536 }).map((n) => n * MIB)),
});

type DockerExtras = typeof dockerExtras extends fc.Arbitrary<infer R> ? R : never;

const withDocker = (spec: Instance, extras: DockerExtras): Instance =>
  instanceSchema.parse({
    ...spec,
    id: extras.id,
    port: extras.port,
    placement: extras.pinned
      ? { hostId: "box", gpuIndices: Array.from({ length: spec.tp }, (_, i) => extras.gpuStart + i) }
      : null,
    // A TGI line always carries --shm-size (1g when the layout sets none), so its spec does too.
    limits: strip({
      memoryBytes: extras.memoryBytes,
      cpus: extras.cpus,
      shmBytes: extras.shmBytes ?? (spec.engine === "tgi" ? GIB : undefined),
    }),
  });

const errorsOf = (text: string) => parseCommandText(text).findings.filter((f) => f.severity === "error");

describe("spec → command → parse gives the same spec", () => {
  it("vllm serve", () => {
    fc.assert(
      fc.property(vllmSpec, (spec) => {
        const text = shellJoin(vllmServeCommand(spec));
        const parsed = parseCommandText(text);
        expect(errorsOf(text)).toEqual([]);
        // A bare command carries neither the instance id nor the release: a left-out --gpu-memory-utilization is
        // the newest release's default.
        const { id: _id, engineVersion: _version, ...expected } = spec;
        if (!text.includes("--gpu-memory-utilization"))
          expected.gpuMemoryUtilization = vllmDefaultGpuMemoryUtilization(undefined);
        const { id: parsedId, ...actual } = parsed.instance;
        expect(parsedId).toBeDefined();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("text-generation-launcher", () => {
    fc.assert(
      fc.property(tgiSpec, (spec) => {
        const text = shellJoin(tgiLauncherCommand(spec));
        expect(errorsOf(text)).toEqual([]);
        const { id: _id, engineVersion: _version, ...expected } = spec;
        const { id: _parsedId, ...actual } = parseCommandText(text).instance;
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("docker run, for both engines, in one line and with continuations", () => {
    fc.assert(
      fc.property(fc.oneof(vllmSpec, tgiSpec), dockerExtras, fc.boolean(), (base, extras, multiline) => {
        const spec = withDocker(base, extras);
        const text = dockerRunLine(spec, { multiline });
        const parsed = parseCommandText(text);
        expect(parsed.findings.filter((f) => f.severity === "error")).toEqual([]);
        const { placement, ...expected } = spec;
        expect(parsed.instance).toEqual({ ...expected, placement: null });
        expect(parsed.gpuIndices).toEqual(placement?.gpuIndices);
      }),
      { numRuns: 300 },
    );
  });

  it("a flattened docker run (`\\ ` continuations) parses like the original", () => {
    fc.assert(
      fc.property(fc.oneof(vllmSpec, tgiSpec), dockerExtras, (base, extras) => {
        const spec = withDocker(base, extras);
        const flattened = dockerRunLine(spec, { multiline: true }).replaceAll("\\\n  ", "\\ ");
        expect(parseCommandText(flattened).instance).toEqual(parseCommandText(dockerRunLine(spec)).instance);
      }),
      { numRuns: 100 },
    );
  });
});
