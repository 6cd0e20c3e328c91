import "server-only";
import type { DbClient } from "../db";

export interface SecretInfo {
  id: string;
  name: string;
  kind: string;
  updatedAt: Date;
}

/** Names, kinds and dates of the stored secrets: never their values. */
export function listSecretNames(client: DbClient): Promise<SecretInfo[]> {
  return client.secret.findMany({
    select: { id: true, name: true, kind: true, updatedAt: true },
    orderBy: { name: "asc" },
  });
}
