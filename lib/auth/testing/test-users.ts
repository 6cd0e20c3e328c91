/**
 * Test support (imported only by *.test.ts): a fresh, migrated SQLite database as the app's DATABASE_URL,
 * real users with real sessions and real API tokens. Nothing here is a mock.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role, TokenScope } from "../../vocabulary/access";
import { migrate } from "../../migrations";

export async function useTestDatabase(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "fleetdeck-auth-"));
  const url = `file:${join(dir, "test.db")}`;
  await migrate(url);
  process.env.DATABASE_URL = url;
  process.env.FLEETDECK_DATA_DIR = dir;
  process.env.FLEETDECK_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
  process.env.LOG_LEVEL = "silent";
  const g = globalThis as Record<string, unknown>;
  for (const key of ["__fleetdeckDb", "__fleetdeckAuth", "__fleetdeckLoginLimiter"]) delete g[key];
  return url;
}

export interface TestUser {
  id: string;
  email: string;
  username: string;
  password: string;
}

let counter = 0;

export async function makeUser(role: Role, grants: string[] = []): Promise<TestUser> {
  const { db } = await import("../../queries/db");
  const { createPasswordUser } = await import("../users");
  counter += 1;
  const user = {
    email: `${role}${counter}@example.test`,
    username: `${role}${counter}`,
    password: `correct horse ${role} ${counter}`,
    role,
  };
  const { id } = await db().$transaction((tx) => createPasswordUser(tx, user));
  for (const selector of grants) await db().hostGrant.create({ data: { userId: id, selector } });
  return { id, email: user.email, username: user.username, password: user.password };
}

/** Signs in through better-auth for real and returns the request headers a browser would then send. */
export async function sessionHeaders(user: TestUser, origin = "http://localhost:3000"): Promise<Headers> {
  const { auth } = await import("../better-auth");
  const h = new Headers({ origin });
  const out = await auth(h).api.signInEmail({
    body: { email: user.email, password: user.password },
    headers: h,
    returnHeaders: true,
  });
  const cookie = out.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return new Headers({ cookie, origin, host: new URL(origin).host });
}

export async function tokenHeaders(
  userId: string,
  scopes: TokenScope[],
  expiresAt: Date | null = null,
): Promise<{ headers: Headers; tokenId: string; token: string }> {
  const { db } = await import("../../queries/db");
  const { generateToken } = await import("../../tokens/token-format");
  const { token, prefix, hashedToken } = generateToken();
  const row = await db().apiToken.create({
    data: { name: "test", prefix, hashedToken, scopes: JSON.stringify(scopes), userId, expiresAt },
  });
  return { headers: new Headers({ authorization: `Bearer ${token}` }), tokenId: row.id, token };
}
