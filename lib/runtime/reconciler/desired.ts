import type { DesiredReplicaRow } from "../../queries/runtime/list-desired-replicas";
import { instanceSchema } from "../../vocabulary/layout-schema";
import type { HostFacts } from "../drivers/host-runtime";
import type { RuntimeHost } from "../hosts/runtime-host";
import type { DesiredReplica } from "../planner/types";
import { buildContainerSpec } from "../spec/container-spec";
import { replicaKeyString } from "../spec/labels";
import type { RuntimeSettings } from "../../vocabulary/runtime-settings";
import { hostNeedsOf } from "./host-needs";

export interface DesiredContext {
  installationId: string;
  settings: RuntimeSettings;
  hosts: ReadonlyMap<string, RuntimeHost>;
  facts: ReadonlyMap<string, HostFacts>;
  hfToken?: string;
}

export interface DesiredEntry {
  row: DesiredReplicaRow;
  key: string;
  desired: DesiredReplica | null;
  /** Why no container spec could be built (shown as the replica's failure). */
  specError: string | null;
}

const defaultPort = (engine: "vllm" | "tgi") => (engine === "vllm" ? 8000 : 8080);

/** Each replica row as the planner wants it: its host, whether it should run, and its container spec. */
export function desiredEntry(row: DesiredReplicaRow, ctx: DesiredContext): DesiredEntry {
  const key = replicaKeyString({ layoutId: row.layoutId, instanceKey: row.instanceKey, replica: row.replica });
  const fail = (specError: string): DesiredEntry => ({ row, key, desired: null, specError });
  const host = row.hostId ? ctx.hosts.get(row.hostId) : undefined;
  if (!host)
    return fail(
      row.hostId
        ? `host ${row.hostId} is not registered any more: apply a revision that places ${row.instanceKey} on a registered host`
        : `${row.instanceKey} replica ${row.replica} has no host: apply a revision that places it`,
    );
  let parsed: ReturnType<typeof instanceSchema.safeParse>;
  try {
    parsed = instanceSchema.safeParse(JSON.parse(row.spec));
  } catch {
    return fail(`the applied spec of ${row.instanceKey} is not JSON: apply the layout again`);
  }
  if (!parsed.success)
    return fail(`the applied spec of ${row.instanceKey} is not a valid instance: apply the layout again`);
  const instance = parsed.data;
  const result = buildContainerSpec({
    installationId: ctx.installationId,
    key: { layoutId: row.layoutId, instanceKey: row.instanceKey, replica: row.replica },
    generation: row.generation,
    instance,
    host: { ...host, ...ctx.facts.get(host.id) },
    gpuIndices: row.gpuIndices,
    hostPort: row.hostPort ?? instance.port ?? defaultPort(instance.engine),
    needs: hostNeedsOf(instance, row.spec),
    settings: ctx.settings,
    ...(ctx.hfToken && { hfToken: ctx.hfToken }),
  });
  const desired: DesiredReplica = {
    key: { layoutId: row.layoutId, instanceKey: row.instanceKey, replica: row.replica },
    hostId: host.id,
    running: row.desiredState === "running",
    spec: result.ok ? result.spec : null,
    ...(row.observed.retryAt && { retryAtMs: row.observed.retryAt.getTime() }),
  };
  return { row, key, desired, specError: result.ok ? null : result.error };
}
