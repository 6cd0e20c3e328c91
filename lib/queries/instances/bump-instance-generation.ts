import "server-only";
import type { DbClient } from "../db";

/** "Restart": a new generation makes every replica's spec hash change, so the reconciler replaces its containers. */
export async function bumpInstanceGeneration(client: DbClient, instanceId: string): Promise<number> {
  const updated = await client.instance.update({ where: { id: instanceId }, data: { generation: { increment: 1 } } });
  await client.instanceReplica.updateMany({ where: { instanceId }, data: { error: null, attempts: 0, retryAt: null } });
  return updated.generation;
}
