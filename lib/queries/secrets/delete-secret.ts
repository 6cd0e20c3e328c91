import "server-only";
import type { DbClient } from "../db";

/** Deletes a secret; returns its name and kind (for the audit row), or null when it does not exist. */
export async function deleteSecret(
  client: DbClient,
  secretId: string,
): Promise<{ id: string; name: string; kind: string } | null> {
  const row = await client.secret.findUnique({ where: { id: secretId }, select: { id: true, name: true, kind: true } });
  if (!row) return null;
  await client.secret.delete({ where: { id: row.id } });
  return row;
}
