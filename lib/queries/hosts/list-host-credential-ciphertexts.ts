import "server-only";
import type { CredentialRole } from "../../vocabulary/hosts";
import type { DbClient } from "../db";

export interface StoredHostCredential {
  hostId: string;
  role: CredentialRole;
  secretName: string;
  ciphertext: string;
}

/** The encrypted credentials of the given hosts (all hosts when hostIds is undefined). Decrypting is lib/secrets' job. */
export async function listHostCredentialCiphertexts(
  client: DbClient,
  hostIds?: readonly string[],
): Promise<StoredHostCredential[]> {
  const rows = await client.hostCredential.findMany({
    where: hostIds ? { hostId: { in: [...hostIds] } } : undefined,
    select: { hostId: true, role: true, secret: { select: { name: true, ciphertext: true } } },
  });
  return rows.map((r) => ({
    hostId: r.hostId,
    role: r.role as CredentialRole,
    secretName: r.secret.name,
    ciphertext: r.secret.ciphertext,
  }));
}
