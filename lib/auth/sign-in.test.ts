import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, useTestDatabase, type TestUser } from "./testing/test-users";

/** Signing in through better-auth for real: by email or username, wrong passwords throttled and audited. */

let signIn: typeof import("./sign-in").signInWithPassword;
let user: TestUser;

beforeAll(async () => {
  await useTestDatabase();
  ({ signInWithPassword: signIn } = await import("./sign-in"));
  user = await makeUser("operator");
});

describe("signInWithPassword", () => {
  it("accepts the email or the username (with '-' and '.') and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const { db } = await import("../queries/db");
    await db().user.update({ where: { id: user.id }, data: { username: "op-a.b" } });
    const byEmail = await signIn(user.email, user.password, new Headers(), "192.0.2.1");
    expect(byEmail.userId).toBe(user.id);
    expect(byEmail.setCookies.join("\n")).toMatch(/fleetdeck\.session_token=.*HttpOnly.*SameSite=Lax/i);
    expect((await signIn("OP-A.B", user.password, new Headers(), "192.0.2.1")).userId).toBe(user.id);
  });

  it("says the same thing for a wrong password and an unknown account, audits it, and then throttles", async () => {
    const { db } = await import("../queries/db");
    await expect(signIn("nobody@example.test", "whatever-123", new Headers(), "192.0.2.2")).rejects.toThrow(
      /^Wrong email, username or password/,
    );
    for (let i = 0; i < 4; i++)
      await expect(signIn(user.email, `wrong ${i}`, new Headers(), "192.0.2.3")).rejects.toThrow(
        /^Wrong email, username or password\. Check them and try again\.$/,
      );
    await expect(signIn(user.email, "wrong 5", new Headers(), "192.0.2.3")).rejects.toThrow(/Try again in 2 s\./);
    await expect(signIn(user.email, user.password, new Headers(), "192.0.2.4")).rejects.toThrow(
      /Too many failed sign-in attempts for this account\. Try again in \d s\./,
    );
    expect(await db().auditEvent.count({ where: { action: "auth.sign-in-failed", targetId: user.email } })).toBe(5);
    expect(await db().auditEvent.count({ where: { action: "auth.sign-in-throttled" } })).toBe(1);
  });

  it("measures the scrypt cost of one successful sign-in (printed, not asserted)", async () => {
    const other = await makeUser("viewer");
    const started = performance.now();
    const n = 5;
    for (let i = 0; i < n; i++) await signIn(other.email, other.password, new Headers(), null);
    console.log(
      `sign-in latency (scrypt N=16384, r=16, p=1 + session insert, SQLite): ${((performance.now() - started) / n).toFixed(1)} ms`,
    );
  });
});
