import type { Finding } from "../../layout/findings";
import type { Layout } from "../../layout/schema";
import { cellKey } from "./cells";

export interface FindingsIndex {
  all: Finding[];
  byInstance: Map<string, Finding[]>;
  byCell: Map<string, Finding[]>;
  /** Findings about the layout or a host as a whole. */
  general: Finding[];
}

const identity = (f: Finding) => `${f.code}|${f.instanceId ?? ""}|${f.hostId ?? ""}|${f.gpuIndex ?? ""}|${f.message}`;

/** Deduplicates findings and files each under its instance, its GPU cells and/or the layout. */
export function indexFindings(layout: Layout, findings: readonly Finding[]): FindingsIndex {
  const seen = new Set<string>();
  const all: Finding[] = [];
  for (const f of findings) {
    const id = identity(f);
    if (seen.has(id)) continue;
    seen.add(id);
    all.push(f);
  }
  all.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const placements = new Map(layout.instances.map((i) => [i.id, i.placement]));
  const byInstance = new Map<string, Finding[]>();
  const byCell = new Map<string, Finding[]>();
  const general: Finding[] = [];
  const push = (map: Map<string, Finding[]>, key: string, f: Finding) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of all) {
    if (f.instanceId) push(byInstance, f.instanceId, f);
    if (f.hostId !== undefined && f.gpuIndex !== undefined) push(byCell, cellKey(f.hostId, f.gpuIndex), f);
    else if (f.instanceId) {
      const placement = placements.get(f.instanceId);
      for (const g of placement?.gpuIndices ?? []) push(byCell, cellKey(placement!.hostId, g), f);
    }
    if (!f.instanceId && f.gpuIndex === undefined) general.push(f);
  }
  return { all, byInstance, byCell, general };
}
