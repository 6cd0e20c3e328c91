import type { HostKind } from "../../vocabulary/hosts";

/** The fields people set on a host (add and edit); undefined leaves a field as it is, null clears it. */
export interface HostFields {
  name?: string;
  kind?: HostKind;
  endpoint?: string;
  labels?: Record<string, string>;
  sshHostKeySha256?: string | null;
  simulatedGpus?: { gpuId: string; count: number } | null;
  declaredGpus?: { gpuId: string; count: number; memoryBytes: number | null } | null;
  dcgmUrl?: string | null;
}

/** HostFields as Prisma columns. */
export function hostData(fields: HostFields) {
  const { simulatedGpus: sim, declaredGpus: declared } = fields;
  return {
    ...(fields.name !== undefined && { name: fields.name }),
    ...(fields.kind !== undefined && { kind: fields.kind }),
    ...(fields.endpoint !== undefined && { endpoint: fields.endpoint }),
    ...(fields.labels !== undefined && { labels: JSON.stringify(fields.labels) }),
    ...(fields.sshHostKeySha256 !== undefined && { sshHostKeySha256: fields.sshHostKeySha256 }),
    ...(sim !== undefined && { simGpuId: sim?.gpuId ?? null, simGpuCount: sim?.count ?? null }),
    ...(declared !== undefined && {
      declaredGpuId: declared?.gpuId ?? null,
      declaredGpuCount: declared?.count ?? null,
      declaredGpuMemoryBytes: declared?.memoryBytes == null ? null : BigInt(declared.memoryBytes),
    }),
    ...(fields.dcgmUrl !== undefined && { dcgmUrl: fields.dcgmUrl }),
  };
}
