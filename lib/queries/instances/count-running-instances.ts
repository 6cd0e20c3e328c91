import "server-only";
import type { DbClient } from "../db";

/** How many of a layout's applied instances are meant to run. */
export function countRunningInstances(client: DbClient, layoutId: string): Promise<number> {
  return client.instance.count({ where: { layoutId, desiredState: "running" } });
}
