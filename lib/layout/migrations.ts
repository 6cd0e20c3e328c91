/**
 * Layout schema migrations: a link or file written by an older fleetdeck still opens.
 * Each entry lifts a raw layout object from version N to N+1; `migrateLayout` chains them.
 */
import { LAYOUT_SCHEMA_VERSION } from "../vocabulary/layout-schema";

type Loose = Record<string, unknown>;

export interface Migration {
  from: number;
  describe: string;
  migrate: (raw: Loose) => Loose;
}

const asRecords = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((v): v is Loose => typeof v === "object" && v !== null) : [];

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    describe: "v0 named the tensor-parallel size `tensorParallel`; v1 calls it `tp`",
    migrate: (raw) => ({
      ...raw,
      schemaVersion: 1,
      instances: asRecords(raw.instances).map(({ tensorParallel, ...rest }) =>
        tensorParallel === undefined ? rest : { tp: tensorParallel, ...rest },
      ),
    }),
  },
];

/** Lifts `raw` from `fromVersion` to the current schema version; null when no path exists. */
export function migrateLayout(raw: Loose, fromVersion: number): Loose | null {
  let current = raw;
  for (let version = fromVersion; version < LAYOUT_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) return null;
    current = step.migrate(current);
  }
  return current;
}
