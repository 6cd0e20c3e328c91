import "server-only";
import { layoutSchema } from "../../vocabulary/layout-schema";
import { ActionError } from "../../server/action-error";
import type { DbClient } from "../db";
import { parseHostLabels } from "../host-labels";

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
  removed: { id: string; instanceKey: string; hostId: string | null; hostLabels: Record<string, string> }[];
  /**
   * Every host the change touches: where new and changed instances go, and where changed or removed instances run
   * now (all their replicas). Unchanged instances touch nothing.
   */
  touchedHosts: { hostId: string; hostName: string; labels: Record<string, string> }[];
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
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const instances: ApplyTarget[] = [];
  for (const inst of parsed.data.instances) {
    if (!inst.placement)
      throw new ActionError(
        `Instance "${inst.id}" has no placement: place it on a host's GPUs in the designer before applying.`,
        { status: 422 },
      );
    const planned = parsed.data.hosts.find((h) => h.id === inst.placement!.hostId);
    const real =
      (planned?.boundHostId && byId.get(planned.boundHostId)) ||
      byName.get(planned?.name ?? "") ||
      byName.get(inst.placement.hostId);
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
  const existing = await client.instance.findMany({
    where: { layoutId: revision.layoutId },
    include: { host: true, replicas: { select: { hostId: true } } },
  });
  const removed = existing
    .filter((e) => !keys.has(e.instanceKey) && e.desiredState !== "stopped")
    .map((e) => ({
      id: e.id,
      instanceKey: e.instanceKey,
      hostId: e.hostId,
      hostLabels: e.host ? parseHostLabels(e.host.labels) : {},
    }));
  const touched = new Map<string, { hostId: string; hostName: string; labels: Record<string, string> }>();
  const touch = (hostId: string | null) => {
    const host = hostId ? byId.get(hostId) : undefined;
    if (host) touched.set(host.id, { hostId: host.id, hostName: host.name, labels: parseHostLabels(host.labels) });
  };
  const before = new Map(existing.map((e) => [e.instanceKey, e]));
  for (const target of instances) {
    const old = before.get(target.instanceKey);
    const same =
      old?.desiredState === "running" &&
      old.spec === target.spec &&
      old.hostId === target.hostId &&
      old.gpuIndices === JSON.stringify(target.gpuIndices);
    if (same) continue;
    touch(target.hostId);
    if (old) for (const r of [{ hostId: old.hostId }, ...old.replicas]) touch(r.hostId);
  }
  for (const r of removed)
    for (const replica of before.get(r.instanceKey)?.replicas ?? [{ hostId: r.hostId }]) touch(replica.hostId);
  return {
    layoutId: revision.layoutId,
    layoutName: revision.layout.name,
    archived: revision.layout.archivedAt !== null,
    revisionId,
    revisionNumber: revision.number,
    instances,
    removed,
    touchedHosts: [...touched.values()],
  };
}
