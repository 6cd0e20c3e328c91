import "server-only";
import type { CredentialRole } from "../../vocabulary/hosts";
import type { DbClient } from "../db";

/** Points a host's credential role at a stored secret (replacing the link it had). */
export async function linkHostCredential(
  client: DbClient,
  link: { hostId: string; role: CredentialRole; secretId: string },
): Promise<void> {
  await client.hostCredential.upsert({
    where: { hostId_role: { hostId: link.hostId, role: link.role } },
    create: link,
    update: { secretId: link.secretId },
  });
}
