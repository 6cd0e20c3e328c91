import type { Finding } from "../../vocabulary/finding";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import { cellKey } from "./cells";

export interface FindingsIndex {
  all: Finding[];
  byInstance: Map<string, Finding[]>;
  byCell: Map<string, Finding[]>;
  /** What a host's row shows: findings on its cells or about the instances placed on it. */
  byHost: Map<string, Finding[]>;
  /** Findings about the layout or a host as a whole. */
  general: Finding[];
}

export const findingIdentity = (f: Finding): string =>
  `${f.code}|${f.instanceId ?? ""}|${f.hostId ?? ""}|${f.gpuIndex ?? ""}|${f.message}`;

export interface IndexOptions {
  /** May remember identities of findings it has seen; must return findingIdentity's. */
  identityOf?: (f: Finding) => string;
  /** The layout's instance with this id, when the caller has them by id. */
  instanceOf?: (id: string) => Instance | undefined;
}

/** Deduplicates findings and files each under its instance, its GPU cells, its host's row and/or the layout. */
export function indexFindings(layout: Layout, findings: readonly Finding[], options: IndexOptions = {}): FindingsIndex {
  const { identityOf = findingIdentity, instanceOf = byId(layout) } = options;
  const seen = new Set<string>();
  const all: Finding[] = [];
  for (const f of findings) {
    const id = identityOf(f);
    if (seen.has(id)) continue;
    seen.add(id);
    all.push(f);
  }
  all.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const byInstance = new Map<string, Finding[]>();
  const byCell = new Map<string, Finding[]>();
  const byHost = new Map<string, Finding[]>();
  const general: Finding[] = [];
  const push = (map: Map<string, Finding[]>, key: string, f: Finding) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of all) {
    const placement = f.instanceId ? instanceOf(f.instanceId)?.placement : undefined;
    if (f.instanceId) push(byInstance, f.instanceId, f);
    if (f.hostId !== undefined && f.gpuIndex !== undefined) {
      push(byCell, cellKey(f.hostId, f.gpuIndex), f);
      push(byHost, f.hostId, f);
    } else if (placement) for (const g of placement.gpuIndices) push(byCell, cellKey(placement.hostId, g), f);
    if (placement && !(f.hostId === placement.hostId && f.gpuIndex !== undefined)) push(byHost, placement.hostId, f);
    if (!f.instanceId && f.gpuIndex === undefined) general.push(f);
  }
  return { all, byInstance, byCell, byHost, general };
}

function byId(layout: Layout): (id: string) => Instance | undefined {
  const instances = new Map(layout.instances.map((i) => [i.id, i]));
  return (id) => instances.get(id);
}
