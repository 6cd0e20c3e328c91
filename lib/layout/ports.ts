import { TGI_CONTAINER_PORT } from "../engines/tgi/command";
import { VLLM_CONTAINER_PORT } from "../engines/vllm/command";
import type { Instance, Layout } from "../vocabulary/layout-schema";

/** Where new instances' host ports start: vLLM's own port, and the seed's first `-p 8000:8000`. */
export const FIRST_HOST_PORT = 8000;
const LAST_PORT = 65535;

/** The host port an instance publishes: its `port`, else docker run's default `-p <container port>:<container port>`. */
export const hostPortOf = (instance: Pick<Instance, "port" | "engine">): number =>
  instance.port ?? (instance.engine === "tgi" ? TGI_CONTAINER_PORT : VLLM_CONTAINER_PORT);

/** The lowest port from `from` up that `taken` does not hold (wraps to FIRST_HOST_PORT past 65535; undefined when full). */
export function lowestFreePort(taken: ReadonlySet<number>, from = FIRST_HOST_PORT): number | undefined {
  for (let port = from; port <= LAST_PORT; port += 1) if (!taken.has(port)) return port;
  for (let port = FIRST_HOST_PORT; port < from; port += 1) if (!taken.has(port)) return port;
  return undefined;
}

/** The host ports the instances placed on `hostId` publish, leaving out `exceptId`. */
export function portsOnHost(instances: readonly Instance[], hostId: string, exceptId?: string): Set<number> {
  const taken = new Set<number>();
  for (const instance of instances)
    if (instance.placement?.hostId === hostId && instance.id !== exceptId) taken.add(hostPortOf(instance));
  return taken;
}

/** A free host port for an instance placed on `hostId`: the lowest from 8000 that no other instance there publishes. */
export function freePortOnHost(layout: Layout, hostId: string, exceptId?: string): number | undefined {
  return lowestFreePort(portsOnHost(layout.instances, hostId, exceptId));
}
