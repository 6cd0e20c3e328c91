import "server-only";
import type { CredentialRole } from "../../vocabulary/hosts";
import type { DbClient } from "../db";

/** Deletes the secrets behind the given credential roles of a host (their links go with them); returns the roles removed. */
export async function deleteHostCredentials(
  client: DbClient,
  hostId: string,
  roles: readonly CredentialRole[],
): Promise<CredentialRole[]> {
  const links = await client.hostCredential.findMany({ where: { hostId, role: { in: [...roles] } } });
  await client.secret.deleteMany({ where: { id: { in: links.map((l) => l.secretId) } } });
  return links.map((l) => l.role as CredentialRole);
}
