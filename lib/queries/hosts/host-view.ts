import "server-only";
import { z } from "zod";
import type { CredentialRole, EngineFacts, GpuHolder, HostKind, HostStatus } from "../../vocabulary/hosts";
import { parseHostLabels } from "../host-labels";

/** A registered host as people and the API see it: everything but its secrets (credentials appear by role only). */
export interface HostView {
  id: string;
  name: string;
  kind: HostKind;
  /** The endpoint URL (no credentials in it); empty for the local simulated host. */
  endpoint: string;
  labels: Record<string, string>;
  /** Which credentials are stored (never their values). */
  credentials: CredentialRole[];
  sshHostKeySha256: string | null;
  /** GPUs the simulator plays on this host; null for real GPUs. */
  simulatedGpus: { gpuId: string; count: number } | null;
  declaredGpus: { gpuId: string; count: number; memoryBytes: number | null } | null;
  dcgmUrl: string | null;
  discovery: {
    source: string | null;
    driverVersion: string | null;
    cudaVersion: string | null;
    at: Date | null;
    error: { step: string; message: string; fix: string } | null;
  };
  /** Discovered GPUs, by index (empty until a discovery succeeds). */
  gpus: HostGpuView[];
  health: {
    status: HostStatus;
    since: Date | null;
    /** While unreachable: what failed, the step, and what to do. */
    error: string | null;
    failingStep: string | null;
    fix: string | null;
    rttMs: number | null;
    lastSeenAt: Date | null;
    lastCheckedAt: Date | null;
  };
  engine: EngineFacts | null;
  engineCheckedAt: Date | null;
  ramBytes: number;
  cpuCores: number;
  /** Instances with this host as their placement that should be running. */
  placedInstances: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HostGpuView {
  index: number;
  uuid: string | null;
  /** The product name as the driver reports it. */
  name: string;
  /** The catalog GPU it matched, or null (then it budgets as a custom GPU with its own memory). */
  catalogGpuId: string | null;
  memoryBytes: number;
  memoryUsedBytes: number | null;
  holders: GpuHolder[];
}

export const hostViewInclude = {
  gpus: { orderBy: { index: "asc" } },
  credentials: { select: { role: true } },
  _count: { select: { instances: { where: { desiredState: "running" } } } },
} as const;

const holdersSchema = z
  .array(
    z.object({
      pid: z.number().int().nullable(),
      name: z.string(),
      usedMemoryBytes: z.number().nullable(),
      instanceKey: z.string().optional(),
      containerName: z.string().optional(),
    }),
  )
  .catch([]);
const discoveryErrorSchema = z
  .object({ step: z.string(), message: z.string(), fix: z.string() })
  .nullable()
  .catch(null);
const engineFactsSchema = z
  .object({ engineVersion: z.string(), apiVersion: z.string() })
  .passthrough()
  .nullable()
  .catch(null);

const json = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
const num = (value: bigint | number | null) => (value === null ? null : Number(value));

type Row = {
  id: string;
  name: string;
  kind: string;
  endpoint: string;
  labels: string;
  status: string;
  statusText: string | null;
  ramBytes: bigint;
  cpuCores: number;
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  sshHostKeySha256: string | null;
  simGpuId: string | null;
  simGpuCount: number | null;
  declaredGpuId: string | null;
  declaredGpuCount: number | null;
  declaredGpuMemoryBytes: bigint | null;
  dcgmUrl: string | null;
  gpuSource: string | null;
  driverVersion: string | null;
  cudaVersion: string | null;
  gpusDiscoveredAt: Date | null;
  discoveryError: string | null;
  statusSince: Date | null;
  failingStep: string | null;
  statusFix: string | null;
  rttMs: number | null;
  lastCheckedAt: Date | null;
  engineFacts: string | null;
  engineCheckedAt: Date | null;
  gpus: {
    index: number;
    uuid: string | null;
    name: string;
    memoryBytes: bigint;
    catalogGpuId: string | null;
    memoryUsedBytes: bigint | null;
    processes: string;
  }[];
  credentials: { role: string }[];
  _count: { instances: number };
};

const asStatus = (s: string): HostStatus => (s === "reachable" || s === "unreachable" ? s : "unknown");

export function toHostView(row: Row): HostView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind === "local-sim" ? "local-sim" : "docker",
    endpoint: row.endpoint,
    labels: parseHostLabels(row.labels),
    credentials: row.credentials.map((c) => c.role as CredentialRole).sort(),
    sshHostKeySha256: row.sshHostKeySha256,
    simulatedGpus: row.simGpuId && row.simGpuCount ? { gpuId: row.simGpuId, count: row.simGpuCount } : null,
    declaredGpus:
      row.declaredGpuId && row.declaredGpuCount
        ? { gpuId: row.declaredGpuId, count: row.declaredGpuCount, memoryBytes: num(row.declaredGpuMemoryBytes) }
        : null,
    dcgmUrl: row.dcgmUrl,
    discovery: {
      source: row.gpuSource,
      driverVersion: row.driverVersion,
      cudaVersion: row.cudaVersion,
      at: row.gpusDiscoveredAt,
      error: discoveryErrorSchema.parse(json(row.discoveryError)),
    },
    gpus: row.gpus.map((g) => ({
      index: g.index,
      uuid: g.uuid,
      name: g.name,
      catalogGpuId: g.catalogGpuId,
      memoryBytes: Number(g.memoryBytes),
      memoryUsedBytes: num(g.memoryUsedBytes),
      holders: holdersSchema.parse(json(g.processes)),
    })),
    health: {
      status: asStatus(row.status),
      since: row.statusSince,
      error: row.statusText,
      failingStep: row.failingStep,
      fix: row.statusFix,
      rttMs: row.rttMs,
      lastSeenAt: row.lastSeenAt,
      lastCheckedAt: row.lastCheckedAt,
    },
    engine: engineFactsSchema.parse(json(row.engineFacts)) as EngineFacts | null,
    engineCheckedAt: row.engineCheckedAt,
    ramBytes: Number(row.ramBytes),
    cpuCores: row.cpuCores,
    placedInstances: row._count.instances,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
