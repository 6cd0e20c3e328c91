import { engineArgs, engineImage } from "../../engines";
import type { Instance } from "../../vocabulary/layout-schema";
import { containerName } from "./container-name";
import { type HealthCheck, type ImageFamily, healthCheck } from "./health-check";
import { imageAllowed, imageRefusal } from "./image-policy";
import { type ReplicaKey, managedLabels } from "./labels";
import type { RuntimeSettings } from "../../vocabulary/runtime-settings";
import { specHash } from "./spec-hash";

/** What runs in one replica's container, built only here, on the server, from a validated instance. */
export interface ContainerSpec {
  name: string;
  image: string;
  family: ImageFamily;
  /** The arguments after the image's entrypoint, one word each: never a shell string. */
  args: string[];
  env: Record<string, string>;
  /** Variables whose values are secrets: left out of the spec hash and of the `docker run` line. */
  secretEnv: string[];
  labels: Record<string, string>;
  /** Real GPUs by device request (UUIDs, else indices); simulated GPUs travel in the simulator's env instead. */
  deviceIds: string[] | null;
  ipcHost: boolean;
  shmBytes?: number;
  memoryBytes?: number;
  cpus?: number;
  containerPort: number;
  hostPort: number;
  mounts: SpecMount[];
  healthCheck: HealthCheck;
  restartPolicy: "unless-stopped";
  /** What the builder had to change from the layout, for people (e.g. --cpus capped at the host's cores). */
  notes: string[];
  specHash: string;
}

export type SpecMount =
  | { type: "volume"; source: string; target: string }
  | { type: "bind"; source: string; target: string };

/** What the host offers the replica: its GPUs, or the simulator's GPUs. */
export interface SpecHost {
  id: string;
  name: string;
  gpus: { index: number; uuid?: string }[];
  simulatedGpus?: { gpuId: string; count: number };
  /** The host's CPU count (Docker refuses --cpus above it). */
  cpuCores?: number;
}

/** The budget's host needs (lib/budget estimateHostNeeds), used where the instance sets no limit. */
export interface HostNeedsLike {
  ramBytes: number;
  cpus: number;
  shmBytes: number;
}

export interface ReplicaSpecInput {
  installationId: string;
  key: ReplicaKey;
  generation: number;
  instance: Instance;
  host: SpecHost;
  gpuIndices: number[];
  hostPort: number;
  needs?: HostNeedsLike;
  settings: RuntimeSettings;
  /** HF_TOKEN's value, read from the encrypted secret named in the settings. */
  hfToken?: string;
}

export type SpecResult = { ok: true; spec: ContainerSpec } | { ok: false; error: string };

const GIB = 1024 ** 3;
/** Where the engine images read the Hugging Face cache: vLLM's HF_HOME default, TGI's HF_HOME=/data. */
const CACHE_TARGET = { vllm: "/root/.cache/huggingface", tgi: "/data" } as const;
const CONTAINER_PORT = { vllm: 8000, tgi: 80 } as const;
/** Where simulated engines of one host share their state (sim/README.md, "State directory"). */
export const SIM_STATE_DIR = "/run/fleetdeck-sim";
const TGI_DEFAULT_SHM_BYTES = GIB;

export const simStateVolume = (hostId: string) => `fleetdeck-sim-${hostId.replace(/[^A-Za-z0-9_.-]/g, "")}`;

export function buildContainerSpec(input: ReplicaSpecInput): SpecResult {
  const { instance, host, settings, key } = input;
  const simulated = host.simulatedGpus !== undefined;
  const image = simulated ? settings.simImage : engineImage(instance);
  if (!imageAllowed(image, settings.imageAllowList))
    return { ok: false, error: imageRefusal(image, settings.imageAllowList) };
  const gpus = gpuAssignment(input);
  if (!gpus.ok) return gpus;

  const env: Record<string, string> = { ...gpus.env };
  if (simulated) Object.assign(env, simulatorEnv(input));
  const secretEnv: string[] = [];
  if (input.hfToken) {
    env.HF_TOKEN = input.hfToken;
    secretEnv.push("HF_TOKEN");
  }
  const shm = sharedMemory(instance, input.needs);
  const mounts: SpecMount[] = [cacheMount(settings, instance.engine)];
  if (simulated) mounts.push({ type: "volume", source: simStateVolume(host.id), target: SIM_STATE_DIR });
  const family: ImageFamily = simulated ? "sim" : instance.engine;
  const notes: string[] = [];
  const containerPort = CONTAINER_PORT[instance.engine];

  const unhashed: Omit<ContainerSpec, "specHash"> = {
    name: containerName(key),
    image,
    family,
    args: engineArgs(instance),
    env,
    secretEnv,
    labels: managedLabels({
      installationId: input.installationId,
      hostId: host.id,
      ...key,
      generation: input.generation,
    }),
    deviceIds: gpus.deviceIds,
    ...shm,
    ...limits(instance, input.needs, host.cpuCores, notes),
    containerPort,
    hostPort: input.hostPort,
    mounts,
    healthCheck: healthCheck(family, containerPort),
    restartPolicy: "unless-stopped",
    notes,
  };
  return { ok: true, spec: { ...unhashed, specHash: specHash(unhashed) } };
}

type GpuAssignment =
  | { ok: true; deviceIds: string[] | null; env: Record<string, string> }
  | { ok: false; error: string };

function gpuAssignment({ host, gpuIndices, instance }: ReplicaSpecInput): GpuAssignment {
  if (gpuIndices.length !== instance.tp) {
    return {
      ok: false,
      error: `instance ${instance.id} has tp ${instance.tp} but is placed on ${gpuIndices.length} GPU(s) (${gpuIndices.join(", ")}): place it on ${instance.tp}`,
    };
  }
  const known = host.simulatedGpus
    ? Array.from({ length: host.simulatedGpus.count }, (_, index) => ({ index, uuid: undefined }))
    : host.gpus;
  const missing = gpuIndices.filter((i) => !known.some((g) => g.index === i));
  if (missing.length > 0) {
    return {
      ok: false,
      error: `host ${host.name} has no GPU ${missing.join(", ")} (it has ${known.map((g) => g.index).join(", ") || "none"}): place instance ${instance.id} on GPUs the host has`,
    };
  }
  if (host.simulatedGpus) return { ok: true, deviceIds: null, env: { NVIDIA_VISIBLE_DEVICES: gpuIndices.join(",") } };
  const byIndex = new Map(known.map((g) => [g.index, g.uuid]));
  const uuids = gpuIndices.map((i) => byIndex.get(i));
  const deviceIds = uuids.every((u): u is string => !!u) ? uuids : gpuIndices.map(String);
  return { ok: true, deviceIds, env: {} };
}

function simulatorEnv({ host, instance, settings }: ReplicaSpecInput): Record<string, string> {
  const sim = host.simulatedGpus!;
  return {
    FLEETDECK_SIM_ENGINE: instance.engine,
    FLEETDECK_SIM_GPU: sim.gpuId,
    FLEETDECK_SIM_GPU_COUNT: String(sim.count),
    FLEETDECK_SIM_HOST: host.name,
    FLEETDECK_SIM_STATE_DIR: SIM_STATE_DIR,
    ...(instance.engineVersion && { FLEETDECK_SIM_ENGINE_VERSION: instance.engineVersion }),
    ...(settings.simLoadSeconds !== undefined && { FLEETDECK_SIM_LOAD_SECONDS: String(settings.simLoadSeconds) }),
  };
}

/** `--shm-size` when the instance sets one; otherwise vLLM gets `--ipc=host` (its documentation's advice), TGI 1g or what the budget needs. */
function sharedMemory(instance: Instance, needs: HostNeedsLike | undefined): { ipcHost: boolean; shmBytes?: number } {
  if (instance.limits.shmBytes !== undefined) return { ipcHost: false, shmBytes: instance.limits.shmBytes };
  if (instance.engine === "vllm") return { ipcHost: true };
  return { ipcHost: false, shmBytes: Math.max(TGI_DEFAULT_SHM_BYTES, needs?.shmBytes ?? 0) };
}

/**
 * The instance's own limits, else the budget's host needs (memory rounded up to whole GiB). --cpus is capped at the
 * host's CPU count, which Docker refuses to exceed ("Range of CPUs is from 0.01 to N").
 */
function limits(
  instance: Instance,
  needs: HostNeedsLike | undefined,
  cpuCores: number | undefined,
  notes: string[],
): { memoryBytes?: number; cpus?: number } {
  const memoryBytes = instance.limits.memoryBytes ?? (needs ? Math.ceil(needs.ramBytes / GIB) * GIB : undefined);
  let cpus = instance.limits.cpus ?? needs?.cpus;
  if (cpus !== undefined && cpuCores !== undefined && cpuCores > 0 && cpus > cpuCores) {
    notes.push(`--cpus ${cpus} capped at the host's ${cpuCores} CPUs`);
    cpus = cpuCores;
  }
  return { ...(memoryBytes !== undefined && { memoryBytes }), ...(cpus !== undefined && { cpus }) };
}

function cacheMount(settings: RuntimeSettings, engine: Instance["engine"]): SpecMount {
  const target = CACHE_TARGET[engine];
  return settings.hfCache.kind === "volume"
    ? { type: "volume", source: settings.hfCache.name, target }
    : { type: "bind", source: settings.hfCache.path, target };
}
