import { freePortOnHost } from "../../layout/ports";
import type { Host, Instance, Layout, Placement } from "../../vocabulary/layout-schema";
import { uniqueId } from "./ids";

/** Pure edits of a Layout. Each returns a new layout that shares every untouched host and instance object. */

export function addHost(layout: Layout, host: Host): Layout {
  const id = uniqueId(host.id, new Set(layout.hosts.map((h) => h.id)));
  return { ...layout, hosts: [...layout.hosts, { ...host, id }] };
}

export function updateHost(layout: Layout, hostId: string, patch: Partial<Omit<Host, "id">>): Layout {
  return { ...layout, hosts: layout.hosts.map((h) => (h.id === hostId ? { ...h, ...patch } : h)) };
}

/** Removes a host; its instances stay in the layout, unplaced. */
export function removeHost(layout: Layout, hostId: string): Layout {
  return {
    ...layout,
    hosts: layout.hosts.filter((h) => h.id !== hostId),
    instances: layout.instances.map((i) => (i.placement?.hostId === hostId ? { ...i, placement: null } : i)),
  };
}

/** Adds an instance under an unused id; placed without a port, it gets the lowest port free on its host. */
export function addInstance(layout: Layout, instance: Instance): { layout: Layout; id: string } {
  const id = uniqueId(instance.id, new Set(layout.instances.map((i) => i.id)));
  const added = withFreePort(layout, { ...instance, id });
  return { layout: { ...layout, instances: [...layout.instances, added] }, id };
}

/** The instance with a host port: its own, else the lowest no other instance on its host publishes (unplaced: none). */
export function withFreePort(layout: Layout, instance: Instance): Instance {
  if (instance.port !== undefined || !instance.placement) return instance;
  const port = freePortOnHost(layout, instance.placement.hostId, instance.id);
  return port === undefined ? instance : { ...instance, port };
}

/** Gives every placed instance without a port a free one on its host (after auto-place); others stay the same objects. */
export function assignFreePorts(layout: Layout): Layout {
  if (layout.instances.every((i) => i.port !== undefined || !i.placement)) return layout;
  let next = layout;
  for (const instance of layout.instances) {
    const ported = withFreePort(next, instance);
    if (ported !== instance) next = mapInstance(next, instance.id, () => ported);
  }
  return next;
}

const mapInstance = (layout: Layout, id: string, edit: (i: Instance) => Instance): Layout => ({
  ...layout,
  instances: layout.instances.map((i) => (i.id === id ? edit(i) : i)),
});

/** Applies a patch (a form edit or a one-click fix). A new `tp` resizes the placement; `limits` and `tgi` merge. */
export function updateInstance(layout: Layout, id: string, patch: Partial<Instance>): Layout {
  const host = (i: Instance) => layout.hosts.find((h) => h.id === i.placement?.hostId);
  return mapInstance(layout, id, (i) => {
    const next: Instance = { ...i, ...patch };
    if (patch.limits) next.limits = { ...i.limits, ...patch.limits };
    if (patch.tgi && i.tgi) next.tgi = { ...i.tgi, ...patch.tgi };
    if (patch.tp !== undefined && patch.tp !== i.tp && !("placement" in patch))
      next.placement = resizePlacement(i.placement, patch.tp, host(i));
    return next;
  });
}

/** Grows or shrinks a placement to `tp` GPUs, keeping its first GPU; grows into the next GPUs of the host. */
export function resizePlacement(placement: Placement | null, tp: number, host: Host | undefined): Placement | null {
  if (!placement) return null;
  const sorted = [...placement.gpuIndices].sort((a, b) => a - b);
  if (tp <= sorted.length) return { ...placement, gpuIndices: sorted.slice(0, Math.max(1, tp)) };
  const indices = host ? host.gpus.map((g) => g.index).sort((a, b) => a - b) : [];
  const last = sorted[sorted.length - 1] ?? 0;
  const extra = indices.filter((g) => g > last && !sorted.includes(g)).slice(0, tp - sorted.length);
  return { ...placement, gpuIndices: [...sorted, ...extra] };
}

/** Moves an instance to `tp` consecutive GPUs of a host starting at `startIndex` (clamped to the host's last GPUs). */
export function moveInstance(layout: Layout, id: string, hostId: string, startIndex: number): Layout {
  const host = layout.hosts.find((h) => h.id === hostId);
  const instance = layout.instances.find((i) => i.id === id);
  if (!host || !instance) return layout;
  const indices = host.gpus.map((g) => g.index).sort((a, b) => a - b);
  if (indices.length < instance.tp) return layout;
  const at = Math.max(
    0,
    indices.findIndex((g) => g >= startIndex),
  );
  const start = Math.min(at, indices.length - instance.tp);
  const gpuIndices = indices.slice(start, start + instance.tp);
  const same = instance.placement?.hostId === hostId && sameIndices(instance.placement.gpuIndices, gpuIndices);
  return same
    ? layout
    : mapInstance(layout, id, (i) => withFreePort(layout, { ...i, placement: { hostId, gpuIndices } }));
}

/** Changes TP by dragging a block's edge: the placement follows. */
export function resizeInstance(layout: Layout, id: string, tp: number): Layout {
  const instance = layout.instances.find((i) => i.id === id);
  if (!instance || tp < 1 || tp === instance.tp) return layout;
  return updateInstance(layout, id, { tp });
}

/** "Copy and tweak": a copy on the next GPUs of the same host nobody uses, else unplaced. */
export function duplicateInstance(layout: Layout, id: string): { layout: Layout; id: string } | null {
  const source = layout.instances.find((i) => i.id === id);
  if (!source) return null;
  const host = layout.hosts.find((h) => h.id === source.placement?.hostId);
  const free = host ? freeRun(layout, host, source.tp) : null;
  const copy: Instance = { ...source, placement: host && free ? { hostId: host.id, gpuIndices: free } : null };
  delete copy.port;
  return addInstance(layout, copy);
}

export function removeInstance(layout: Layout, id: string): Layout {
  return { ...layout, instances: layout.instances.filter((i) => i.id !== id) };
}

/** The first `count` consecutive GPUs of a host that no instance is placed on. */
export function freeRun(layout: Layout, host: Host, count: number): number[] | null {
  const used = new Set(
    layout.instances.filter((i) => i.placement?.hostId === host.id).flatMap((i) => i.placement?.gpuIndices ?? []),
  );
  const indices = host.gpus.map((g) => g.index).sort((a, b) => a - b);
  let run: number[] = [];
  for (const g of indices) {
    run = used.has(g) ? [] : [...run, g];
    if (run.length === count) return run;
  }
  return null;
}

const sameIndices = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, k) => v === b[k]);
