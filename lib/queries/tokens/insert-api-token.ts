import "server-only";
import type { TokenScope } from "../../vocabulary/access";
import type { DbClient } from "../db";

/** Stores a new API token by its hash (the token itself is never stored). */
export async function insertApiToken(
  client: DbClient,
  token: { name: string; prefix: string; hashedToken: string; scopes: TokenScope[]; userId: string; expiresAt: Date },
): Promise<{ id: string }> {
  const row = await client.apiToken.create({ data: { ...token, scopes: JSON.stringify(token.scopes) } });
  return { id: row.id };
}
