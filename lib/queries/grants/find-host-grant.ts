import "server-only";
import type { DbClient } from "../db";

export interface HostGrantRecord {
  id: string;
  userId: string;
  selector: string;
}

/** A grant by id, or by user and selector; null when there is none. */
export function findHostGrant(
  client: DbClient,
  key: { grantId: string } | { userId: string; selector: string },
): Promise<HostGrantRecord | null> {
  const where =
    "grantId" in key ? { id: key.grantId } : { userId_selector: { userId: key.userId, selector: key.selector } };
  return client.hostGrant.findUnique({ where, select: { id: true, userId: true, selector: true } });
}
