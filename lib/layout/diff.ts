/** What changed between two layouts, by instance id and host id. */
import type { Host, Instance, Layout, Placement } from "../vocabulary/layout-schema";

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface LayoutDiff {
  added: Instance[];
  removed: Instance[];
  /** Placement changed (an instance may also appear in `changed` for its other fields). */
  moved: { instanceId: string; before: Placement | null; after: Placement | null }[];
  /** Fields other than placement that changed: field → {before, after}. */
  changed: { instanceId: string; fields: Record<string, FieldChange> }[];
  unchanged: string[];
  hosts: {
    added: Host[];
    removed: Host[];
    changed: { hostId: string; fields: Record<string, FieldChange> }[];
  };
}

/** JSON with sorted keys: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export const sameValue = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Fields whose values differ; keys missing on one side count as undefined. */
export function changedFields(
  before: object,
  after: object,
  ignore: readonly string[] = [],
): Record<string, FieldChange> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !ignore.includes(k)).sort();
  const fields: Record<string, FieldChange> = {};
  for (const key of keys) if (!sameValue(b[key], a[key])) fields[key] = { before: b[key], after: a[key] };
  return fields;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function diffLayouts(before: Layout, after: Layout): LayoutDiff {
  const old = byId(before.instances);
  const next = byId(after.instances);
  const diff: LayoutDiff = {
    added: [],
    removed: [],
    moved: [],
    changed: [],
    unchanged: [],
    hosts: { added: [], removed: [], changed: [] },
  };
  for (const instance of after.instances) {
    const previous = old.get(instance.id);
    if (!previous) {
      diff.added.push(instance);
      continue;
    }
    const moved = !sameValue(previous.placement, instance.placement);
    if (moved) diff.moved.push({ instanceId: instance.id, before: previous.placement, after: instance.placement });
    const fields = changedFields(previous, instance, ["placement"]);
    if (Object.keys(fields).length > 0) diff.changed.push({ instanceId: instance.id, fields });
    else if (!moved) diff.unchanged.push(instance.id);
  }
  diff.removed = before.instances.filter((i) => !next.has(i.id));

  const oldHosts = byId(before.hosts);
  const newHosts = byId(after.hosts);
  for (const host of after.hosts) {
    const previous = oldHosts.get(host.id);
    if (!previous) diff.hosts.added.push(host);
    else {
      const fields = changedFields(previous, host);
      if (Object.keys(fields).length > 0) diff.hosts.changed.push({ hostId: host.id, fields });
    }
  }
  diff.hosts.removed = before.hosts.filter((h) => !newHosts.has(h.id));
  return diff;
}
