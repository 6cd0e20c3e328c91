import "server-only";
import { type DbClient, db } from "../queries/db";
import { findSecretCiphertext } from "../queries/secrets/find-secret-ciphertext";
import { upsertSecret } from "../queries/secrets/upsert-secret";
import { fleetdeckSecret } from "../server/master-secret";
import { decryptSecret, deriveKey, encryptSecret } from "./crypto";

/** Stored secrets, encrypted under a key derived from the master secret. The browser only ever sees names, kinds and dates. */

export const SECRET_KINDS = ["huggingface-token", "registry-credentials", "docker-tls", "docker-ssh", "other"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

let cachedKey: { master: string; key: Buffer } | undefined;
function key(): Buffer {
  const master = fleetdeckSecret();
  if (cachedKey?.master !== master) cachedKey = { master, key: deriveKey(master) };
  return cachedKey.key;
}

/** Encrypts and stores (or replaces) a secret through the caller's transaction client. */
export function putSecret(
  tx: DbClient,
  name: string,
  kind: SecretKind,
  value: string,
): Promise<{ id: string; created: boolean }> {
  return upsertSecret(tx, { name, kind, ciphertext: encryptSecret(key(), name, value) });
}

/** Decrypts a ciphertext read through a query (several at once, e.g. a host's credentials). Throws SecretDecryptError. */
export function decryptStoredSecret(name: string, ciphertext: string): string {
  return decryptSecret(key(), name, ciphertext);
}

/** The plaintext, for server code that needs it (a runtime driver logging in to a registry). Never log or return it to a client. */
export async function readSecret(name: string): Promise<string | null> {
  const ciphertext = await findSecretCiphertext(db(), name);
  return ciphertext === null ? null : decryptSecret(key(), name, ciphertext);
}
