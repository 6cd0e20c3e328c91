import "server-only";
import type { DbClient } from "../db";

/** The stored ciphertext of a secret, or null. Decrypting is lib/secrets' job. */
export async function findSecretCiphertext(client: DbClient, name: string): Promise<string | null> {
  const row = await client.secret.findUnique({ where: { name }, select: { ciphertext: true } });
  return row ? row.ciphertext : null;
}
