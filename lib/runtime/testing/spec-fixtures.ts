import fc from "fast-check";
import { TEMPLATES } from "../../layout/templates";
import { type Instance, instanceSchema } from "../../vocabulary/layout-schema";
import type { ReplicaSpecInput, SpecHost } from "../spec/container-spec";
import {
  DEFAULT_RUNTIME_SETTINGS,
  type RuntimeSettings,
  runtimeSettingsSchema,
} from "../../vocabulary/runtime-settings";

/** Test fixtures for the container spec: the seed's 2×2 INT4 instances and arbitrary instances, hosts and settings. */

export const seed2x2 = (): Instance[] => {
  const template = TEMPLATES.find((t) => t.id === "qwen2.5-7b-4090d-2x2-int4");
  if (!template) throw new Error("the seed's 2×2 INT4 template is missing from lib/layout/templates.ts");
  return template.layout.instances;
};

export const simulatedHost: SpecHost = {
  id: "host-sim-1",
  name: "gpu-node-1",
  gpus: [0, 1, 2, 3].map((index) => ({ index })),
  simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
};

export const realHost = (withUuids: boolean): SpecHost => ({
  id: "host-real-1",
  name: "gpu-node-9",
  gpus: [0, 1, 2, 3].map((index) => ({
    index,
    ...(withUuids && { uuid: `GPU-0000000${index}-aaaa-bbbb-cccc-dddddddddddd` }),
  })),
});

export function specInput(instance: Instance, overrides: Partial<ReplicaSpecInput> = {}): ReplicaSpecInput {
  return {
    installationId: "inst-1",
    key: { layoutId: "0f6c8a52-1111-2222-3333-444455556666", instanceKey: instance.id, replica: 0 },
    generation: 0,
    instance,
    host: simulatedHost,
    gpuIndices: instance.placement?.gpuIndices ?? [0],
    hostPort: instance.port ?? 8000,
    settings: DEFAULT_RUNTIME_SETTINGS,
    ...overrides,
  };
}

/** Words a shell would treat specially: an argument must never be a shell string that could carry them. */
const nasty = fc.constantFrom("a;rm -rf /", "$(id)", "`id`", "x && y", "q'uote", 'd"q', "new\nline", "--privileged");

export const arbitraryInstance: fc.Arbitrary<Instance> = fc
  .record(
    {
      id: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
      engine: fc.constantFrom("vllm", "tgi"),
      engineVersion: fc.constantFrom("0.11.0", "0.8.5", "3.3.5"),
      model: fc.oneof(fc.constantFrom("Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"), nasty),
      quantization: fc.oneof(fc.constantFrom("gptq", "awq", "fp8"), nasty),
      dtype: fc.constantFrom("auto", "bfloat16", "float16", "half", "float32"),
      kvCacheDtype: fc.constantFrom("auto", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fn"),
      tp: fc.constantFrom(1, 2, 4),
      maxModelLen: fc.integer({ min: 1, max: 1 << 20 }),
      gpuMemoryUtilization: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
      enforceEager: fc.boolean(),
      limits: fc.record(
        {
          memoryBytes: fc.integer({ min: 1, max: 512 }).map((n) => n * 2 ** 30),
          cpus: fc.integer({ min: 1, max: 64 }),
          shmBytes: fc.integer({ min: 1, max: 64 }).map((n) => n * 2 ** 30),
        },
        { requiredKeys: [] },
      ),
      port: fc.integer({ min: 1024, max: 65535 }),
    },
    { requiredKeys: ["id", "engine", "model", "tp"] },
  )
  .map((raw) =>
    instanceSchema.parse({ ...raw, placement: { hostId: "h", gpuIndices: [0, 1, 2, 3].slice(0, raw.tp) } }),
  );

export const arbitrarySettings: fc.Arbitrary<RuntimeSettings> = fc
  .record({
    hostPath: fc.boolean(),
    allowSim: fc.boolean(),
    simLoadSeconds: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  })
  .map(({ hostPath, allowSim, simLoadSeconds }) =>
    runtimeSettingsSchema.parse({
      imageAllowList: [
        "vllm/vllm-openai:*",
        "ghcr.io/huggingface/text-generation-inference:*",
        ...(allowSim ? ["fleetdeck-sim:latest"] : []),
      ],
      hfCache: hostPath ? { kind: "host-path", path: "/srv/hf-cache" } : { kind: "volume", name: "hf-cache" },
      hfCacheAllowedPaths: hostPath ? ["/srv/hf-cache"] : [],
      simLoadSeconds,
    }),
  );

export const arbitraryHost: fc.Arbitrary<SpecHost> = fc.constantFrom(simulatedHost, realHost(true), realHost(false));
