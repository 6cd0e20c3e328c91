import { z } from "zod";
import type { EngineFacts } from "../../vocabulary/hosts";

/** The fields of GET /version and GET /info that fleetdeck shows; the daemon's answer is input like any other. */
export const versionResponseSchema = z.object({
  Version: z.string(),
  ApiVersion: z.string().regex(/^\d+\.\d+$/),
  MinAPIVersion: z.string().optional(),
  Os: z.string().optional(),
  Arch: z.string().optional(),
  KernelVersion: z.string().optional(),
});

export const infoResponseSchema = z.object({
  Name: z.string().optional(),
  OperatingSystem: z.string().optional(),
  OSType: z.string().optional(),
  KernelVersion: z.string().optional(),
  Architecture: z.string().optional(),
  NCPU: z.number().int().nonnegative(),
  MemTotal: z.number().int().nonnegative(),
  CgroupDriver: z.string().optional(),
  CgroupVersion: z.string().optional(),
  Driver: z.string().optional(),
  DefaultRuntime: z.string().optional(),
  Runtimes: z.record(z.string(), z.unknown()).optional(),
});

export type { EngineFacts };

/** The oldest API fleetdeck speaks: 1.40 (Docker 19.03) brought DeviceRequests, how GPUs are requested. */
export const MIN_API_VERSION = "1.40";

export function apiVersionAtLeast(version: string, minimum: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const [minMajor = 0, minMinor = 0] = minimum.split(".").map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

export function engineFacts(
  version: z.infer<typeof versionResponseSchema>,
  info: z.infer<typeof infoResponseSchema>,
): EngineFacts {
  const runtimes = Object.keys(info.Runtimes ?? {}).sort();
  return {
    engineVersion: version.Version,
    apiVersion: version.ApiVersion,
    name: info.Name ?? "",
    operatingSystem: info.OperatingSystem ?? version.Os ?? "",
    osType: info.OSType ?? version.Os ?? "",
    kernelVersion: info.KernelVersion ?? version.KernelVersion ?? "",
    architecture: info.Architecture ?? version.Arch ?? "",
    cpus: info.NCPU,
    memoryBytes: info.MemTotal,
    cgroupDriver: info.CgroupDriver ?? "",
    cgroupVersion: info.CgroupVersion ?? "",
    storageDriver: info.Driver ?? "",
    runtimes,
    defaultRuntime: info.DefaultRuntime ?? "",
    nvidiaRuntime: runtimes.includes("nvidia"),
  };
}
