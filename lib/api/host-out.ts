import { z } from "zod";
import type { HostView } from "../queries/hosts/host-view";
import { CREDENTIAL_ROLES, HOST_KINDS, HOST_STATUSES } from "../vocabulary/hosts";

/** A host as /api/v1 shows it (GET /api/v1/hosts, /api/v1/hosts/{hostId}): never with a secret. */

const date = z.string().nullable();

export const hostOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(HOST_KINDS),
  endpoint: z.string(),
  labels: z.record(z.string(), z.string()),
  credentials: z.array(z.enum(CREDENTIAL_ROLES)).describe("which credentials are stored; their values never leave"),
  sshHostKeySha256: z.string().nullable(),
  simulatedGpus: z.object({ gpuId: z.string(), count: z.number().int() }).nullable(),
  declaredGpus: z.object({ gpuId: z.string(), count: z.number().int(), memoryBytes: z.number().nullable() }).nullable(),
  dcgmUrl: z.string().nullable(),
  discovery: z.object({
    source: z.string().nullable(),
    driverVersion: z.string().nullable(),
    cudaVersion: z.string().nullable(),
    at: date,
    error: z.object({ step: z.string(), message: z.string(), fix: z.string() }).nullable(),
  }),
  gpus: z.array(
    z.object({
      index: z.number().int(),
      uuid: z.string().nullable(),
      name: z.string(),
      catalogGpuId: z.string().nullable(),
      memoryBytes: z.number(),
      memoryUsedBytes: z.number().nullable(),
      holders: z.array(
        z.object({
          pid: z.number().nullable(),
          name: z.string(),
          usedMemoryBytes: z.number().nullable(),
          instanceKey: z.string().optional(),
          containerName: z.string().optional(),
        }),
      ),
    }),
  ),
  health: z.object({
    status: z.enum(HOST_STATUSES),
    since: date,
    error: z.string().nullable(),
    failingStep: z.string().nullable(),
    fix: z.string().nullable(),
    rttMs: z.number().nullable(),
    lastSeenAt: date,
    lastCheckedAt: date,
  }),
  engine: z.record(z.string(), z.unknown()).nullable(),
  engineCheckedAt: date,
  ramBytes: z.number(),
  cpuCores: z.number().int(),
  placedInstances: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HostOut = z.infer<typeof hostOut>;

export const hostPageOut = z.object({ items: z.array(hostOut), nextCursor: z.string().nullable() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toHostOut(h: HostView): HostOut {
  return {
    ...h,
    discovery: { ...h.discovery, at: iso(h.discovery.at) },
    health: {
      ...h.health,
      since: iso(h.health.since),
      lastSeenAt: iso(h.health.lastSeenAt),
      lastCheckedAt: iso(h.health.lastCheckedAt),
    },
    engine: h.engine as Record<string, unknown> | null,
    engineCheckedAt: iso(h.engineCheckedAt),
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}
