import "server-only";
import type { DbClient } from "../db";

/** Records whether an instance should run; the runtime's reconcile loop acts on it. */
export async function setDesiredState(
  client: DbClient,
  instanceId: string,
  state: "running" | "stopped",
): Promise<{ id: string; instanceKey: string }> {
  const updated = await client.instance.update({ where: { id: instanceId }, data: { desiredState: state } });
  return { id: updated.id, instanceKey: updated.instanceKey };
}
