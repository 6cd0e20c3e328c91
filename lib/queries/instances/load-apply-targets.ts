import "server-only";
import { layoutSchema } from "../../vocabulary/layout-schema";
import { ActionError } from "../../server/action-error";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";
import { registeredHostFor } from "../layouts/placed-hosts";

/**
 * What applying a layout revision would change: one row per instance of the revision, bound to a
 * registered host, plus the layout's instances that the revision no longer has (they are stopped).
 * Host labels come from the host table, never from the document, so a layout cannot claim a label.
 */

export interface ApplyTarget {
  instanceKey: string;
  hostId: string;
  hostName: string;
  hostLabels: Record<string, string>;
  gpuIndices: number[];
  spec: string;
}

export interface ApplyTargets {
  layoutId: string;
  layoutName: string;
  archived: boolean;
  revisionId: string;
  revisionNumber: number;
  instances: ApplyTarget[];
  removed: PlacedInstance[];
  /** Instances of the revision that run now on a host: where they are before the apply (a move touches both hosts). */
  current: PlacedInstance[];
}

export interface PlacedInstance {
  id: string;
  instanceKey: string;
  hostId: string | null;
  hostName: string | null;
  hostLabels: Record<string, string>;
}

export async function loadApplyTargets(client: DbClient, revisionId: string): Promise<ApplyTargets> {
  const revision = await client.layoutRevision.findUnique({ where: { id: revisionId }, include: { layout: true } });
  if (!revision)
    throw new ActionError(
      `Layout revision ${revisionId} does not exist: pick a revision from GET /api/v1/layouts/{id}/revisions.`,
      { status: 404 },
    );
  const parsed = layoutSchema.safeParse(JSON.parse(revision.document));
  if (!parsed.success)
    throw new ActionError(
      `Revision ${revision.number} of "${revision.layout.name}" is not a valid layout: open it in the designer and save a new revision.`,
      { status: 422 },
    );
  const hosts = await client.host.findMany();
  const instances: ApplyTarget[] = [];
  for (const inst of parsed.data.instances) {
    if (!inst.placement)
      throw new ActionError(
        `Instance "${inst.id}" has no placement: place it on a host's GPUs in the designer before applying.`,
        { status: 422 },
      );
    const real = registeredHostFor(parsed.data, inst.placement.hostId, hosts);
    if (!real) {
      throw new ActionError(
        `Instance "${inst.id}" is placed on "${inst.placement.hostId}", which is not a registered host: bind it to a host from the Fleet page.`,
        { status: 422 },
      );
    }
    instances.push({
      instanceKey: inst.id,
      hostId: real.id,
      hostName: real.name,
      hostLabels: parseHostLabels(real.labels),
      gpuIndices: inst.placement.gpuIndices,
      spec: JSON.stringify(inst),
    });
  }
  const keys = new Set(instances.map((i) => i.instanceKey));
  const existing = await client.instance.findMany({ where: { layoutId: revision.layoutId }, include: { host: true } });
  const placed = (e: (typeof existing)[number]): PlacedInstance => ({
    id: e.id,
    instanceKey: e.instanceKey,
    hostId: e.hostId,
    hostName: e.host?.name ?? null,
    hostLabels: e.host ? parseHostLabels(e.host.labels) : {},
  });
  const removed = existing.filter((e) => !keys.has(e.instanceKey) && e.desiredState !== "stopped").map(placed);
  const current = existing.filter((e) => keys.has(e.instanceKey) && e.hostId).map(placed);
  return {
    layoutId: revision.layoutId,
    layoutName: revision.layout.name,
    archived: revision.layout.archivedAt !== null,
    revisionId,
    revisionNumber: revision.number,
    instances,
    removed,
    current,
  };
}
