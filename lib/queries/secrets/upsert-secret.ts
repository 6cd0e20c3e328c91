import "server-only";
import type { DbClient } from "../db";

/** Stores a secret's ciphertext under its name, replacing an older value; `created` is false when it replaced one. */
export async function upsertSecret(
  client: DbClient,
  secret: { name: string; kind: string; ciphertext: string },
): Promise<{ id: string; created: boolean }> {
  const { name, kind, ciphertext } = secret;
  const existing = await client.secret.findUnique({ where: { name }, select: { id: true } });
  if (existing) {
    await client.secret.update({ where: { id: existing.id }, data: { kind, ciphertext } });
    return { id: existing.id, created: false };
  }
  const row = await client.secret.create({ data: { name, kind, ciphertext } });
  return { id: row.id, created: true };
}
