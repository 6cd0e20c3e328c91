import "server-only";
import type { DbClient } from "../db";

/** Disables (bans) or enables a user; a disabled user's sessions and tokens are refused on their next request. */
export async function setUserDisabled(client: DbClient, userId: string, disabled: boolean, reason?: string) {
  await client.user.update({
    where: { id: userId },
    data: { banned: disabled, banReason: disabled ? (reason ?? null) : null },
  });
}
