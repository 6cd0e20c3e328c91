import "server-only";
import { authorize } from "../../auth/authorize";
import { db } from "../db";
import type { RunningInstance } from "../../layout/rollout";
import { instanceSchema } from "../../vocabulary/layout-schema";

/** What runs now for a layout (the runtime's instance rows that are meant to run), as planApply's input. */
export async function listRunning(layoutId: string): Promise<RunningInstance[]> {
  await authorize("layout.read", { type: "layout", id: layoutId });
  const rows = await db().instance.findMany({
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
