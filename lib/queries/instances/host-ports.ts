import "server-only";
import type { DbClient } from "../db";

/**
 * Where a host publishes ports: hosts with the same address share one port space (two Docker daemons on one
 * machine, as in the test harness). unix:// endpoints are this machine.
 */
export function endpointAddress(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return url.protocol === "unix:" || url.protocol === "local-sim:" ? "127.0.0.1" : url.hostname;
  } catch {
    return endpoint;
  }
}

/** The host ports replicas already take on hosts that share `hostId`'s address, but for the replicas in `except`. */
export async function portsInUse(
  client: DbClient,
  hostId: string,
  except: readonly string[] = [],
): Promise<Set<number>> {
  const hosts = await client.host.findMany({ select: { id: true, endpoint: true } });
  const address = endpointAddress(hosts.find((h) => h.id === hostId)?.endpoint ?? "");
  const sameAddress = hosts.filter((h) => endpointAddress(h.endpoint) === address).map((h) => h.id);
  const rows = await client.instanceReplica.findMany({
    where: { hostId: { in: sameAddress }, hostPort: { not: null }, id: { notIn: [...except] } },
    select: { hostPort: true },
  });
  return new Set(rows.map((r) => r.hostPort!));
}

/** The lowest port from `from` up that is not in `used` (and records it as used). */
export function takePort(used: Set<number>, from: number): number {
  let port = from;
  while (used.has(port) && port < 65535) port += 1;
  used.add(port);
  return port;
}
