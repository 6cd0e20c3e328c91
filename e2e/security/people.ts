import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { adminCookie, callAction } from "./http";

/**
 * People for the security tests: accounts made through the admin's own server actions (as the UI does),
 * and API tokens written straight into the e2e database the way the server stores them (a SHA-256 hash),
 * so a test can hold a token with any stored scope list, legacy ones included.
 */

const DB_PATH = process.env.FLEETDECK_E2E_DB ?? ".test-env/e2e.db";

export interface Person {
  email: string;
  username: string;
  password: string;
}

export function person(username: string): Person {
  return { email: `${username}@fleetdeck.test`, username, password: `${username} passphrase 1` };
}

/** Creates the account unless it exists, then adds each grant; returns the user's id. */
export async function ensureUser(p: Person, role: "admin" | "operator" | "viewer", grants: string[] = []) {
  const cookie = adminCookie();
  const created = await callAction(
    "lib/actions/users/create-user.ts",
    { email: p.email, username: p.username, password: p.password, role },
    { cookie },
  );
  if (!created.result?.ok && !/already exists/.test(created.result?.error ?? ""))
    throw new Error(`could not create ${p.username}: ${created.result?.error ?? created.status}`);
  const id = userId(p.email);
  for (const selector of grants)
    await callAction("lib/actions/users/add-host-grant.ts", { userId: id, selector }, { cookie });
  return id;
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(DB_PATH);
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function userId(email: string): string {
  const row = withDb((db) => db.prepare("SELECT id FROM user WHERE email = ?").get(email)) as
    | { id: string }
    | undefined;
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** An API token stored with exactly these scope strings (as an old release may have stored them). */
export function insertToken(email: string, scopes: string[]): string {
  const token = `fd_${randomBytes(32).toString("base64url")}`;
  const hashed = createHash("sha256").update(token, "utf8").digest("hex");
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) =>
    db
      .prepare(
        "INSERT INTO api_token (id, name, prefix, hashedToken, scopes, userId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(randomUUID(), "inserted", token.slice(0, 10), hashed, JSON.stringify(scopes), userId(email), now),
  );
  return token;
}

/** Reads one row straight from the e2e database (to check what the server did not do). */
export function queryOne<T>(sql: string, ...params: unknown[]): T | undefined {
  return withDb((db) => db.prepare(sql).get(...params) as T | undefined);
}
