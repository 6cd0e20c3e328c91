import "server-only";
import type { DbClient } from "../db";

/**
 * Password-reset links, kept in better-auth's verification table: identifier "password-reset:<userId>", value the
 * SHA-256 of the link's secret (the secret itself is never stored). One live link per user.
 */
const PREFIX = "password-reset:";

export async function storePasswordReset(client: DbClient, userId: string, hashedSecret: string, expiresAt: Date) {
  await client.verification.deleteMany({ where: { identifier: `${PREFIX}${userId}` } });
  await client.verification.create({
    data: { id: crypto.randomUUID(), identifier: `${PREFIX}${userId}`, value: hashedSecret, expiresAt },
  });
}

/** The user a live link belongs to, or null (unknown or expired). */
export async function findPasswordReset(
  client: DbClient,
  hashedSecret: string,
  now = new Date(),
): Promise<{ id: string; userId: string } | null> {
  const row = await client.verification.findFirst({
    where: { value: hashedSecret, identifier: { startsWith: PREFIX }, expiresAt: { gt: now } },
    select: { id: true, identifier: true },
  });
  return row ? { id: row.id, userId: row.identifier.slice(PREFIX.length) } : null;
}

export async function deletePasswordResets(client: DbClient, userId: string): Promise<void> {
  await client.verification.deleteMany({ where: { identifier: `${PREFIX}${userId}` } });
}

/** Replaces the scrypt hash of a user's password (better-auth's "credential" account). */
export async function setPasswordHash(client: DbClient, userId: string, passwordHash: string): Promise<void> {
  await client.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: passwordHash } });
}
