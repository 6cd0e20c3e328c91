import "server-only";
import type { DbClient } from "../db";

/** Records whether an instance should run; the runtime's reconcile loop acts on it. */
export async function setDesiredState(
  client: DbClient,
  instanceId: string,
  state: "running" | "stopped",
): Promise<{ id: string; instanceKey: string }> {
  const updated = await client.instance.update({ where: { id: instanceId }, data: { desiredState: state } });
  await client.instanceReplica.updateMany({ where: { instanceId }, data: { error: null, attempts: 0, retryAt: null } });
  return { id: updated.id, instanceKey: updated.instanceKey };
}
