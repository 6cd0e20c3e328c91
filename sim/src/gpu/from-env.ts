import type { SimEnv } from "../env";
import { buildHost, DEFAULT_GPU, DEFAULT_HOST, lookupGpu, type SimGpu, type SimHost } from "./host";

const isUuid = (word: string) => /^GPU-/i.test(word);
const listOf = (value: string) =>
  value
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);

/** The simulated host: FLEETDECK_SIM_GPUS, or FLEETDECK_SIM_GPU × FLEETDECK_SIM_GPU_COUNT (default: enough for the visible indices). */
export function hostFromEnv(env: SimEnv): SimHost {
  const name = env.FLEETDECK_SIM_HOST ?? DEFAULT_HOST;
  if (env.FLEETDECK_SIM_GPUS) {
    return buildHost(
      name,
      listOf(env.FLEETDECK_SIM_GPUS).map((gpu) => lookupGpu(gpu, "FLEETDECK_SIM_GPUS")),
      false,
    );
  }
  const kind = lookupGpu(env.FLEETDECK_SIM_GPU ?? DEFAULT_GPU, "FLEETDECK_SIM_GPU");
  const highestIndex = Math.max(
    -1,
    ...indicesIn(env.NVIDIA_VISIBLE_DEVICES),
    ...(env.NVIDIA_VISIBLE_DEVICES ? [] : indicesIn(env.CUDA_VISIBLE_DEVICES)),
  );
  const count = env.FLEETDECK_SIM_GPU_COUNT ?? Math.max(1, highestIndex + 1);
  return buildHost(
    name,
    Array.from({ length: count }, () => kind),
    env.FLEETDECK_SIM_GPU === undefined,
  );
}

function indicesIn(value: string | undefined): number[] {
  if (!value) return [];
  return listOf(value)
    .filter((w) => /^\d+$/.test(w))
    .map(Number);
}

/**
 * The GPUs a process sees, the way containers receive them: NVIDIA_VISIBLE_DEVICES picks host GPUs
 * (indices or UUIDs, "all", "none"/"void"), then CUDA_VISIBLE_DEVICES picks among those by ordinal or
 * UUID. Without NVIDIA_VISIBLE_DEVICES (a child process on the host), CUDA_VISIBLE_DEVICES names host GPUs.
 */
export function visibleGpus(
  host: SimHost,
  env: Pick<SimEnv, "NVIDIA_VISIBLE_DEVICES" | "CUDA_VISIBLE_DEVICES">,
): SimGpu[] {
  const nvidia = env.NVIDIA_VISIBLE_DEVICES?.trim();
  let gpus = host.gpus;
  if (nvidia !== undefined && nvidia !== "all") {
    gpus =
      nvidia === "none" || nvidia === "void" || nvidia === ""
        ? []
        : pick(host.gpus, listOf(nvidia), "NVIDIA_VISIBLE_DEVICES", host.name);
  }
  const cuda = env.CUDA_VISIBLE_DEVICES?.trim();
  if (cuda === undefined) return gpus;
  return cuda === "" ? [] : pick(gpus, listOf(cuda), "CUDA_VISIBLE_DEVICES", host.name);
}

function pick(from: readonly SimGpu[], words: string[], variable: string, hostName: string): SimGpu[] {
  return words.map((word) => {
    const gpu = isUuid(word) ? from.find((g) => g.uuid.toLowerCase() === word.toLowerCase()) : from[Number(word)];
    if (!gpu || (!isUuid(word) && !/^\d+$/.test(word))) {
      const known = from.map((g) => `${from.indexOf(g)} (${g.uuid})`).join(", ") || "none";
      throw new Error(
        `${variable} names "${word}", which is not a GPU visible here on simulated host ${hostName}: visible are ${known}; set FLEETDECK_SIM_GPU_COUNT or FLEETDECK_SIM_GPUS to give the host more GPUs`,
      );
    }
    return gpu;
  });
}
