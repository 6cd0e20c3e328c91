import "server-only";
import type { DbClient } from "../../queries/db";
import { findInstance, type InstanceWithHost } from "../../queries/instances/find-instance";
import { ActionError } from "../../server/action-error";

export async function existingInstance(client: DbClient, instanceId: string): Promise<InstanceWithHost> {
  const instance = await findInstance(client, instanceId);
  if (!instance)
    throw new ActionError(`Instance ${instanceId} does not exist: list instances with GET /api/v1/instances.`, {
      status: 404,
    });
  return instance;
}
