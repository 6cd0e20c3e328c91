import { placeInstances } from "../../layout/place";
import { budgetFits } from "../../layout/resolvers";
import type { Instance, Layout } from "../../vocabulary/layout-schema";

export interface PlaceReplicasInput {
  instance: Instance;
  /** How many new replicas, numbered from `firstReplica`. */
  count: number;
  firstReplica: number;
  /** The revision the instance was applied from: its hosts are where replicas may go. */
  document: Layout;
  registeredHosts: readonly { id: string; name: string }[];
  /** What runs now on registered hosts (every layout's replicas), each with its instance's spec. */
  claims: readonly { hostId: string; gpuIndices: number[]; instance: Instance }[];
}

export type PlaceReplicasResult =
  | { ok: true; placements: { replica: number; hostId: string; gpuIndices: number[] }[] }
  | { ok: false; reason: string };

/** A planned host's registered host: bound explicitly, else by name (as applying does). */
function registeredIdOf(host: Layout["hosts"][number], registered: PlaceReplicasInput["registeredHosts"]) {
  const byId = registered.find((r) => r.id === host.boundHostId);
  return (byId ?? registered.find((r) => r.name === host.name) ?? registered.find((r) => r.name === host.id))?.id;
}

/**
 * New replicas of an instance on free GPUs, by lib/layout's placement (spread over the layout's hosts, the budget
 * deciding what fits a card), around everything that runs there now. Pure.
 */
export function placeReplicas(input: PlaceReplicasInput): PlaceReplicasResult {
  const hosts = input.document.hosts.flatMap((h) => {
    const id = registeredIdOf(h, input.registeredHosts);
    return id ? [{ planned: h, registeredId: id }] : [];
  });
  const plannedOf = new Map(hosts.map((h) => [h.registeredId, h.planned.id]));
  const registeredOf = new Map(hosts.map((h) => [h.planned.id, h.registeredId]));
  const claims: Instance[] = input.claims.flatMap((c, i) => {
    const hostId = plannedOf.get(c.hostId);
    return hostId ? [{ ...c.instance, id: `claim-${i}`, placement: { hostId, gpuIndices: c.gpuIndices } }] : [];
  });
  const fresh: Instance[] = Array.from({ length: input.count }, (_, k) => ({
    ...input.instance,
    id: `${input.instance.id}-replica-${input.firstReplica + k}`,
    placement: null,
  }));
  const layout: Layout = { ...input.document, hosts: hosts.map((h) => h.planned), instances: [...claims, ...fresh] };
  const { layout: placed, results } = placeInstances(layout, { policy: "spread", fits: budgetFits });
  const failed = results.slice(claims.length).find((r) => !r.placed);
  if (failed)
    return {
      ok: false,
      reason: `no room for replica ${input.firstReplica + results.slice(claims.length).indexOf(failed)} of ${input.instance.id}: ${failed.reason ?? "no free GPUs"}`,
    };
  return {
    ok: true,
    placements: placed.instances.slice(claims.length).map((inst, k) => ({
      replica: input.firstReplica + k,
      hostId: registeredOf.get(inst.placement!.hostId)!,
      gpuIndices: inst.placement!.gpuIndices,
    })),
  };
}
