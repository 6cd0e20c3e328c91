import "server-only";
import { db } from "../../queries/db";
import type { Check, PermissionAction } from "../../vocabulary/access";
import { existingInstance } from "./existing-instance";
import { instanceChecks } from "./instance-checks";

/** The checks of `action` on an instance and all its replicas' hosts, read from the database (route specs' authorize). */
export async function checksForInstance(action: PermissionAction, instanceId: string): Promise<Check[]> {
  return instanceChecks(action, await existingInstance(db(), instanceId));
}
