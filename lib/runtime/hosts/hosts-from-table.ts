import type { HostRecord } from "../../queries/runtime/list-host-records";
import { parseHostLabels } from "../../queries/host-labels";
import { dockerEndpointSchema } from "../docker/endpoint-schema";
import { matchCatalogGpu } from "../gpu/catalog-match";
import type { RuntimeHost } from "./runtime-host";

/**
 * Until the hosts feature's loader (loadRuntimeHosts, migration 0004) is wired in, RuntimeHosts read straight from
 * the host table: endpoints that need no stored credentials (unix://, plain tcp:// on loopback) and `local-sim`;
 * simulated GPUs from the label `fleetdeck.sim=<catalog gpu id>:<count>`. Hosts it cannot use are left out with why.
 */
export const SIM_LABEL = "fleetdeck.sim";

export function simulatedGpusOf(labels: Record<string, string>): RuntimeHost["simulatedGpus"] {
  const match = /^([A-Za-z0-9._-]+):(\d{1,2})$/.exec(labels[SIM_LABEL] ?? "");
  return match ? { gpuId: match[1]!, count: Number(match[2]) } : undefined;
}

export function hostsFromTable(records: readonly HostRecord[]): {
  hosts: RuntimeHost[];
  skipped: { name: string; why: string }[];
} {
  const hosts: RuntimeHost[] = [];
  const skipped: { name: string; why: string }[] = [];
  for (const record of records) {
    const labels = parseHostLabels(record.labels);
    const simulatedGpus = simulatedGpusOf(labels);
    const gpus = record.gpus.map((g) => ({
      index: g.index,
      ...(g.uuid && { uuid: g.uuid }),
      gpuId: matchCatalogGpu(g.name, g.memoryBytes)?.id ?? "custom",
      memoryBytes: g.memoryBytes,
    }));
    const base = { id: record.id, name: record.name, labels, gpus, ...(simulatedGpus && { simulatedGpus }) };
    if (/^local-sim(:|$)/.test(record.endpoint)) {
      hosts.push({ ...base, kind: "local-sim", simulatedGpus: simulatedGpus ?? { gpuId: "rtx-4090d", count: 4 } });
      continue;
    }
    const endpoint = dockerEndpointSchema.safeParse({ url: record.endpoint });
    if (!endpoint.success) {
      skipped.push({ name: record.name, why: endpoint.error.issues[0]?.message ?? "bad endpoint" });
      continue;
    }
    hosts.push({ ...base, kind: "docker", endpoint: endpoint.data });
  }
  return { hosts, skipped };
}
