import "server-only";
import type { GpuHolder } from "../../vocabulary/hosts";
import type { DbClient } from "../db";

export interface DiscoveredGpuRecord {
  index: number;
  uuid: string | null;
  name: string;
  catalogGpuId: string | null;
  memoryBytes: number;
  memoryUsedBytes: number | null;
  holders: GpuHolder[];
}

/** Replaces a host's GPUs with a discovery's result and records where it came from. */
export async function replaceHostGpus(
  client: DbClient,
  hostId: string,
  discovery: {
    source: string;
    driverVersion: string | null;
    cudaVersion: string | null;
    at: Date;
    gpus: DiscoveredGpuRecord[];
  },
): Promise<void> {
  await client.gpu.deleteMany({ where: { hostId } });
  await client.gpu.createMany({
    data: discovery.gpus.map((g) => ({
      hostId,
      index: g.index,
      uuid: g.uuid,
      name: g.name,
      catalogGpuId: g.catalogGpuId,
      memoryBytes: BigInt(g.memoryBytes),
      memoryUsedBytes: g.memoryUsedBytes === null ? null : BigInt(g.memoryUsedBytes),
      processes: JSON.stringify(g.holders),
    })),
  });
  await client.host.update({
    where: { id: hostId },
    data: {
      gpuSource: discovery.source,
      driverVersion: discovery.driverVersion,
      cudaVersion: discovery.cudaVersion,
      gpusDiscoveredAt: discovery.at,
      discoveryError: null,
    },
  });
}
