import "server-only";
import type { ActionContext } from "../actions/types";
import { authorize } from "../auth/authorize";
import { db } from "../queries/db";
import { fleetdeckSecret } from "../server/master-secret";
import { decryptSecret, deriveKey, encryptSecret } from "./crypto";

/** Server-only access to secrets. The browser only ever sees names, kinds and dates (listSecretNames). */

export const SECRET_KINDS = ["huggingface-token", "registry-credentials", "docker-tls", "other"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

let cachedKey: { master: string; key: Buffer } | undefined;
function key(): Buffer {
  const master = fleetdeckSecret();
  if (cachedKey?.master !== master) cachedKey = { master, key: deriveKey(master) };
  return cachedKey.key;
}

export async function putSecret(
  tx: ActionContext["tx"],
  name: string,
  kind: SecretKind,
  value: string,
): Promise<{ id: string; created: boolean }> {
  const ciphertext = encryptSecret(key(), name, value);
  const existing = await tx.secret.findUnique({ where: { name }, select: { id: true } });
  if (existing) {
    await tx.secret.update({ where: { id: existing.id }, data: { kind, ciphertext } });
    return { id: existing.id, created: false };
  }
  const row = await tx.secret.create({ data: { name, kind, ciphertext } });
  return { id: row.id, created: true };
}

/** The plaintext, for server code that needs it (a runtime driver logging in to a registry). Never log or return it to a client. */
export async function readSecret(name: string): Promise<string | null> {
  const row = await db().secret.findUnique({ where: { name } });
  return row ? decryptSecret(key(), name, row.ciphertext) : null;
}

export interface SecretInfo {
  id: string;
  name: string;
  kind: string;
  updatedAt: Date;
}

export async function listSecretNames(): Promise<SecretInfo[]> {
  await authorize("secret.manage", { type: "global" });
  return db().secret.findMany({
    select: { id: true, name: true, kind: true, updatedAt: true },
    orderBy: { name: "asc" },
  });
}
