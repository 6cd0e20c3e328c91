import "server-only";
import { z } from "zod";
import type { MetricsInventory } from "../../metrics/targets/inventory";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";

const gpuIndicesSchema = z.array(z.number().int()).catch([]);
const specFields = z
  .object({ engine: z.enum(["vllm", "tgi"]).catch("vllm"), model: z.string().catch("?") })
  .catch({ engine: "vllm", model: "?" });

/** The part of a layout document that says which GPU each placed instance was planned on. */
const plannedSlots = z
  .object({
    hosts: z.array(
      z.object({
        id: z.string(),
        gpus: z.array(z.object({ index: z.number(), gpuId: z.string(), memoryBytes: z.number().optional() })),
        wsl2: z.boolean().optional(),
      }),
    ),
    instances: z.array(
      z.object({
        id: z.string(),
        placement: z.object({ hostId: z.string(), gpuIndices: z.array(z.number()) }).nullish(),
      }),
    ),
  })
  .catch({ hosts: [], instances: [] });

function plannedGpuOf(document: z.infer<typeof plannedSlots>, instanceKey: string) {
  const placement = document.instances.find((i) => i.id === instanceKey)?.placement;
  const host = placement && document.hosts.find((h) => h.id === placement.hostId);
  const slot = host?.gpus.find((g) => g.index === placement?.gpuIndices[0]);
  if (!slot) return null;
  return {
    gpuId: slot.gpuId,
    ...(slot.memoryBytes !== undefined && { memoryBytes: slot.memoryBytes }),
    ...(host?.wsl2 && { wsl2: true }),
  };
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * The instances and hosts as the metrics side sees them (lib/metrics/targets/inventory.ts): each instance's replicas
 * from the runtime's replica table (endpoint, observed state, placement, container), each host's dcgm-exporter URL.
 * A host has no node_exporter URL of its own yet: the static targets file supplies those.
 */
export async function loadMetricsInventory(client: DbClient): Promise<MetricsInventory> {
  const [rows, hosts] = await Promise.all([
    client.instance.findMany({
      include: { layout: true, host: true, replicas: { orderBy: { replica: "asc" } } },
      orderBy: { instanceKey: "asc" },
    }),
    client.host.findMany({ include: { gpus: { orderBy: { index: "asc" } } }, orderBy: { name: "asc" } }),
  ]);
  const revisions = await client.layoutRevision.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.revisionId))] } },
    select: { id: true, document: true },
  });
  const documents = new Map(revisions.map((r) => [r.id, plannedSlots.parse(parseJson(r.document))]));
  return {
    instances: rows.map((r) => {
      const spec = parseJson(r.spec);
      const fields = specFields.parse(spec);
      return {
        id: r.id,
        instanceKey: r.instanceKey,
        layoutId: r.layoutId,
        layoutName: r.layout.name,
        revisionId: r.revisionId,
        engine: fields.engine,
        model: fields.model,
        hostId: r.hostId,
        hostName: r.host?.name ?? null,
        hostLabels: r.host ? parseHostLabels(r.host.labels) : {},
        gpuIndices: gpuIndicesSchema.parse(parseJson(r.gpuIndices)),
        desiredState: r.desiredState,
        observedState: r.observedState,
        spec,
        plannedGpu: plannedGpuOf(documents.get(r.revisionId) ?? { hosts: [], instances: [] }, r.instanceKey),
        replicas: r.replicas.map((x) => ({
          replica: x.replica,
          endpoint: x.endpoint,
          state: x.state,
          hostId: x.hostId,
          gpuIndices: gpuIndicesSchema.parse(parseJson(x.gpuIndices)),
          ...(x.containerId && { containerId: x.containerId }),
        })),
      };
    }),
    hosts: hosts.map((h) => ({
      id: h.id,
      name: h.name,
      labels: parseHostLabels(h.labels),
      gpuExporterUrl: h.dcgmUrl,
      nodeExporterUrl: null,
      gpus: h.gpus.map((g) => ({ index: g.index, name: g.name, memoryBytes: Number(g.memoryBytes) })),
    })),
  };
}
