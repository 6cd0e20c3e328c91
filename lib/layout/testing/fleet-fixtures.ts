/** Deterministic example fleets shared by tests and benchmarks (no randomness: same input, same bytes). */
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";

const HOST_KINDS = [
  { prefix: "h100", gpuId: "h100-sxm", nvlink: true, ramBytes: 2048 * GIB, cpuCores: 192 },
  { prefix: "l40s", gpuId: "l40s", nvlink: false, ramBytes: 512 * GIB, cpuCores: 64 },
  { prefix: "a100", gpuId: "a100-sxm-80gb", nvlink: true, ramBytes: 1024 * GIB, cpuCores: 128 },
  { prefix: "4090d", gpuId: "rtx-4090d", nvlink: false, ramBytes: 256 * GIB, cpuCores: 32 },
] as const;

const MODELS = [
  { model: "meta-llama/Llama-3.1-8B-Instruct", short: "llama8b" },
  { model: "Qwen/Qwen2.5-7B-Instruct", short: "qwen7b" },
  { model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", short: "qwen7b-int4", quantization: "gptq" },
  { model: "Qwen/Qwen2.5-14B-Instruct-AWQ", short: "qwen14b-awq", quantization: "awq" },
] as const;

export function fleetHost(n: number, gpusPerHost = 8): Host {
  const kind = HOST_KINDS[n % HOST_KINDS.length]!;
  const id = `${kind.prefix}-${String(n + 1).padStart(2, "0")}`;
  return {
    id,
    name: id,
    gpus: Array.from({ length: gpusPerHost }, (_, index) => ({
      index,
      gpuId: kind.gpuId,
      ...(kind.nvlink ? { nvlinkGroup: 0 } : {}),
    })),
    ramBytes: kind.ramBytes,
    cpuCores: kind.cpuCores,
    labels: n % 2 === 0 ? { zone: "eu-west-1a" } : { zone: "eu-west-1b" },
  };
}

/**
 * A realistic mixed fleet: 8 hosts × 8 GPUs, 8 instances per host (4 TP-2 and 4 TP-1, two per GPU at 0.45),
 * vLLM and TGI, four models, container limits and ports: 64 instances.
 */
export function mixedFleetLayout(hostCount = 8): Layout {
  const hosts = Array.from({ length: hostCount }, (_, n) => fleetHost(n));
  const instances: Instance[] = [];
  hosts.forEach((host, h) => {
    const tps = [2, 2, 2, 2, 1, 1, 1, 1];
    const starts = [0, 0, 2, 2, 4, 4, 5, 5];
    tps.forEach((tp, k) => {
      const spec = MODELS[(h + k) % MODELS.length]!;
      const tgi = k % 4 === 3;
      const seq = h * 8 + k + 1;
      const start = starts[k]!;
      instances.push({
        id: `${spec.short}-${String(seq).padStart(2, "0")}`,
        engine: tgi ? "tgi" : "vllm",
        ...(tgi ? { engineVersion: "3.3.5", tgi: { cudaMemoryFraction: 0.45 } } : { engineVersion: "0.11.0" }),
        model: spec.model,
        ...("quantization" in spec ? { quantization: spec.quantization } : {}),
        dtype: "auto",
        kvCacheDtype: k === 1 ? "fp8" : "auto",
        tp,
        maxModelLen: k % 2 === 0 ? 32768 : 16384,
        gpuMemoryUtilization: 0.45,
        ...(k === 5 ? { maxNumSeqs: 128 } : {}),
        enforceEager: false,
        placement: { hostId: host.id, gpuIndices: Array.from({ length: tp }, (_, g) => start + g) },
        limits: { memoryBytes: (tp === 2 ? 32 : 16) * GIB, cpus: 8, shmBytes: 8 * GIB },
        port: 8000 + k,
      });
    });
  });
  return { schemaVersion: 1, name: "prod eu-west: mixed chat fleet", hosts, instances };
}

/**
 * A large unplaced fleet for the placement benchmark: `hostCount` hosts × 8 H100, three in four HGX boards
 * (one NVSwitch island of 8), one in four PCIe H100 cards (NVLink bridges in pairs: four islands of 2).
 */
export function syntheticFleet(hostCount: number, instanceCount: number): Layout {
  const hosts: Host[] = Array.from({ length: hostCount }, (_, n) => {
    const id = `node-${String(n).padStart(4, "0")}`;
    return {
      id,
      name: id,
      gpus: Array.from({ length: 8 }, (_, index) =>
        n % 4 === 3
          ? { index, gpuId: "h100-pcie", memoryBytes: 80 * GIB, nvlinkGroup: index >> 1 }
          : { index, gpuId: "h100-sxm", memoryBytes: 80 * GIB, nvlinkGroup: 0 },
      ),
      ramBytes: 2048 * GIB,
      cpuCores: 192,
      labels: {},
    };
  });
  // About three quarters of the fleet's GPU memory in demand; one TP-8 in sixteen.
  const common = [
    { tp: 1, gmu: 0.9 },
    { tp: 1, gmu: 0.45 },
    { tp: 2, gmu: 0.9 },
    { tp: 1, gmu: 0.3 },
    { tp: 2, gmu: 0.45 },
    { tp: 4, gmu: 0.9 },
    { tp: 1, gmu: 0.45 },
  ];
  const shapes = [...common, { tp: 1, gmu: 0.9 }, ...common, { tp: 8, gmu: 0.9 }];
  const instances: Instance[] = Array.from({ length: instanceCount }, (_, n) => {
    const shape = shapes[(n * 7919) % shapes.length]!;
    return {
      id: `inst-${String(n).padStart(5, "0")}`,
      engine: "vllm",
      model: MODELS[n % MODELS.length]!.model,
      dtype: "auto",
      kvCacheDtype: "auto",
      tp: shape.tp,
      gpuMemoryUtilization: shape.gmu,
      enforceEager: false,
      placement: null,
      limits: { memoryBytes: 32 * GIB },
      // Unique across the fleet, so wherever placement puts it no two instances on a host publish one port.
      port: 8000 + n,
    };
  });
  return { schemaVersion: 1, name: `synthetic ${hostCount}×8, ${instanceCount} instances`, hosts, instances };
}
