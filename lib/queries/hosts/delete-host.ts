import "server-only";
import type { DbClient } from "../db";

/** Deletes a host, its GPUs, its credential secrets and their links. Instances that pointed at it keep no host. */
export async function deleteHost(client: DbClient, hostId: string): Promise<void> {
  const links = await client.hostCredential.findMany({ where: { hostId }, select: { secretId: true } });
  await client.secret.deleteMany({ where: { id: { in: links.map((l) => l.secretId) } } });
  await client.host.delete({ where: { id: hostId } });
}
