import "server-only";
import type { RunningInstance } from "../../layout/rollout";
import { instanceSchema } from "../../vocabulary/layout-schema";
import type { DbClient } from "../db";

/** What runs now for a layout (the runtime's instance rows that are meant to run), as planRollout's input. */
export async function listRunningInstances(client: DbClient, layoutId: string): Promise<RunningInstance[]> {
  const rows = await client.instance.findMany({
    where: { layoutId, desiredState: "running" },
    select: { instanceKey: true, spec: true },
  });
  const running: RunningInstance[] = [];
  for (const row of rows) {
    let spec: unknown;
    try {
      spec = JSON.parse(row.spec);
    } catch {
      continue;
    }
    const parsed = instanceSchema.safeParse(spec);
    if (parsed.success) running.push({ ...parsed.data, instanceId: row.instanceKey });
  }
  return running;
}
