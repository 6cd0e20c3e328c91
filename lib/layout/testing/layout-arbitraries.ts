/** fast-check arbitraries of schema-valid layouts, shared by the codec, diff and placement tests. */
import fc from "fast-check";
import { type Layout, layoutSchema } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);
const text = fc.string({ minLength: 1, maxLength: 24, unit: "grapheme" });
const fraction = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);
const byteCount = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.integer({ min: 1, max: 4096 }).map((n) => n * GIB),
);

const gpu = (index: number) =>
  fc.record(
    {
      index: fc.constant(index),
      gpuId: fc.constantFrom("h100-sxm-80gb", "rtx-4090d-24gb", "l40s-48gb", "custom"),
      memoryBytes: byteCount,
      nvlinkGroup: fc.integer({ min: 0, max: 3 }),
    },
    { requiredKeys: ["index", "gpuId"] },
  );

const host = fc.record(
  {
    id: slug,
    name: text,
    gpus: fc
      .integer({ min: 0, max: 8 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => gpu(i * 1 + (i > 5 ? 2 : 0))))),
    ramBytes: byteCount,
    cpuCores: fc.integer({ min: 1, max: 256 }),
    labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    boundHostId: slug,
  },
  { requiredKeys: ["id", "name", "gpus", "ramBytes", "cpuCores", "labels"] },
);

const instance = fc.record(
  {
    id: slug,
    name: text,
    engine: fc.constantFrom("vllm", "tgi"),
    engineVersion: fc.constantFrom("0.11.0", "0.8.5", "3.3.5"),
    model: fc.constantFrom("Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B-Instruct", "custom/model-x"),
    modelConfig: fc.dictionary(
      fc.stringMatching(/^[a-z_]{1,10}$/),
      fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 6 })),
      { maxKeys: 3 },
    ),
    quantization: fc.constantFrom("gptq", "awq", "fp8"),
    dtype: fc.constantFrom("auto", "bfloat16", "float16", "half", "float32"),
    kvCacheDtype: fc.constantFrom("auto", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fn"),
    tp: fc.constantFrom(1, 2, 4, 8),
    maxModelLen: fc.integer({ min: 1, max: 1 << 20 }),
    ropeScaling: fc.record(
      {
        type: fc.constantFrom("yarn", "linear", "dynamic"),
        factor: fc.integer({ min: 1, max: 64 }),
        originalMaxPositionEmbeddings: fc.integer({ min: 1, max: 1 << 17 }),
      },
      { requiredKeys: ["type", "factor"] },
    ),
    gpuMemoryUtilization: fraction,
    maxNumSeqs: fc.integer({ min: 1, max: 1024 }),
    maxNumBatchedTokens: fc.integer({ min: 1, max: 1 << 20 }),
    enforceEager: fc.boolean(),
    tgi: fc.record(
      { cudaMemoryFraction: fraction, maxInputTokens: fc.integer({ min: 1, max: 1 << 17 }) },
      { requiredKeys: [] },
    ),
    placement: fc.option(
      fc.record({
        hostId: slug,
        gpuIndices: fc.oneof(
          fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 0, max: 56 }).map((s) => [s, s + 1]),
        ),
      }),
    ),
    limits: fc.record(
      { memoryBytes: byteCount, cpus: fc.integer({ min: 1, max: 64 }), shmBytes: byteCount },
      { requiredKeys: [] },
    ),
    port: fc.integer({ min: 1, max: 65535 }),
  },
  { requiredKeys: ["id", "engine", "model"] },
);

/** Any schema-valid layout (ids may repeat and placements may point anywhere: the codec must not care). */
export const arbitraryLayout: fc.Arbitrary<Layout> = fc
  .record({ name: text, hosts: fc.array(host, { maxLength: 5 }), instances: fc.array(instance, { maxLength: 12 }) })
  .map((raw) => layoutSchema.parse({ schemaVersion: 1, ...raw }));
