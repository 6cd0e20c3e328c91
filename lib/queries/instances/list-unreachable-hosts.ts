import "server-only";
import type { DbClient } from "../db";

/** Hosts the reconciler could not reach in its last pass over them, with its reason (from the replicas it placed there). */
export async function listUnreachableHosts(client: DbClient, hostIds: readonly string[]): Promise<Map<string, string>> {
  if (hostIds.length === 0) return new Map();
  const rows = await client.instanceReplica.findMany({
    where: { hostId: { in: [...hostIds] }, state: "unreachable" },
    select: { hostId: true, detail: true, stateSince: true },
    orderBy: { stateSince: "desc" },
  });
  const out = new Map<string, string>();
  for (const r of rows) if (r.hostId && !out.has(r.hostId)) out.set(r.hostId, r.detail ?? "no answer");
  return out;
}
