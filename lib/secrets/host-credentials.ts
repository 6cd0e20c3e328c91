import "server-only";
import { linkHostCredential } from "../queries/hosts/link-host-credential";
import { listHostCredentialCiphertexts } from "../queries/hosts/list-host-credential-ciphertexts";
import type { DbClient } from "../queries/db";
import type { CredentialRole } from "../vocabulary/hosts";
import { SecretDecryptError } from "./crypto";
import { decryptStoredSecret, putSecret } from "./secret-store";

/**
 * A host's TLS and SSH credentials, each one encrypted secret named `host.<hostId>.<role>` and linked to the host by
 * role. Plaintexts exist only in server memory on their way to a Docker client; they are never returned to a browser,
 * logged or audited.
 */

export type HostCredentialValues = Partial<Record<CredentialRole, string>>;

export const hostSecretName = (hostId: string, role: CredentialRole) => `host.${hostId}.${role}`;

/** Encrypts and stores the given credentials (replacing older values of the same roles); returns the roles stored. */
export async function storeHostCredentials(
  tx: DbClient,
  hostId: string,
  values: HostCredentialValues,
): Promise<CredentialRole[]> {
  const stored: CredentialRole[] = [];
  for (const [role, value] of Object.entries(values) as [CredentialRole, string | undefined][]) {
    if (value === undefined) continue;
    const kind = role.startsWith("ssh") ? "docker-ssh" : "docker-tls";
    const { id } = await putSecret(tx, hostSecretName(hostId, role), kind, value);
    await linkHostCredential(tx, { hostId, role, secretId: id });
    stored.push(role);
  }
  return stored;
}

export interface HostCredentialsRead {
  values: HostCredentialValues;
  /** Secrets that could not be decrypted (FLEETDECK_SECRET changed, or the row was altered), by role. */
  unreadable: CredentialRole[];
}

/** Decrypts the credentials of the given hosts (all when hostIds is undefined), by host id. */
export async function readHostCredentials(
  client: DbClient,
  hostIds?: readonly string[],
): Promise<Map<string, HostCredentialsRead>> {
  const out = new Map<string, HostCredentialsRead>();
  for (const row of await listHostCredentialCiphertexts(client, hostIds)) {
    const entry = out.get(row.hostId) ?? { values: {}, unreadable: [] };
    try {
      entry.values[row.role] = decryptStoredSecret(row.secretName, row.ciphertext);
    } catch (error) {
      if (!(error instanceof SecretDecryptError)) throw error;
      entry.unreadable.push(row.role);
    }
    out.set(row.hostId, entry);
  }
  return out;
}
