import "server-only";
import type { DbClient } from "../db";

/** Every instance of the layout is to stop (the reconciler stops their containers); returns their keys. */
export async function stopLayoutInstances(client: DbClient, layoutId: string): Promise<string[]> {
  const rows = await client.instance.findMany({
    where: { layoutId, desiredState: "running" },
    select: { id: true, instanceKey: true },
  });
  await client.instance.updateMany({ where: { layoutId, desiredState: "running" }, data: { desiredState: "stopped" } });
  return rows.map((r) => r.instanceKey);
}
