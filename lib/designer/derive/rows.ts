import type { Finding } from "../../vocabulary/finding";
import type { Host, Instance } from "../../vocabulary/layout-schema";
import type { Band } from "./bands";
import type { CellView } from "./cells";
import type { HostUse } from "./summary";

/** One host row as the grid draws it; reused (same object) while nothing in it changed. */
export interface RowView {
  host: Host;
  cells: CellView[];
  bands: Band[];
  /** The instances placed on this host, by id. */
  instances: Record<string, Instance>;
  use: HostUse;
  /** Error count per instance placed here. */
  errors: Record<string, number>;
}

/** The row of `host` from its parts: `old` itself when it already shows exactly that. */
export function makeRow(
  old: RowView | undefined,
  host: Host,
  cells: CellView[],
  bands: Band[],
  instances: Record<string, Instance>,
  use: HostUse,
  findingsByInstance: ReadonlyMap<string, Finding[]>,
): RowView {
  const errors: Record<string, number> = {};
  for (const id of Object.keys(instances)) errors[id] = countErrors(findingsByInstance.get(id));
  // Field-by-field instead of serializing: this runs for every changed host on every edit.
  const same =
    old &&
    old.host === host &&
    old.cells.length === cells.length &&
    old.cells.every((c, k) => c === cells[k]) &&
    sameRecord(old.instances, instances) &&
    sameBands(old.bands, bands) &&
    sameUse(old.use, use) &&
    sameCounts(old.errors, errors);
  return same ? old : { host, cells, bands, instances, use, errors };
}

/** Instances by id, in the order given. */
export function byId(instances: readonly Instance[]): Record<string, Instance> {
  const record: Record<string, Instance> = {};
  for (const i of instances) record[i.id] = i;
  return record;
}

function countErrors(list: readonly Finding[] | undefined): number {
  let n = 0;
  for (const f of list ?? []) if (f.severity === "error") n += 1;
  return n;
}

function sameBands(a: readonly Band[], b: readonly Band[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k += 1) {
    const x = a[k]!;
    const y = b[k]!;
    if (
      x.instanceId !== y.instanceId ||
      x.column !== y.column ||
      x.span !== y.span ||
      x.lane !== y.lane ||
      x.primary !== y.primary ||
      x.part !== y.part ||
      x.parts !== y.parts
    )
      return false;
  }
  return true;
}

function sameUse(a: HostUse, b: HostUse): boolean {
  return (
    a.hostId === b.hostId &&
    a.gpusUsed === b.gpusUsed &&
    a.gpus === b.gpus &&
    a.ramPlannedBytes === b.ramPlannedBytes &&
    a.ramBytes === b.ramBytes &&
    a.cpusPlanned === b.cpusPlanned &&
    a.cpuCores === b.cpuCores
  );
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameRecord(a: Record<string, Instance>, b: Record<string, Instance>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
