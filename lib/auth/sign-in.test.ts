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

  it("says the same thing for a wrong password and an unknown account, counts the account however it is typed, then throttles", async () => {
    const { db } = await import("../queries/db");
    const { flushAttemptAudit } = await import("./attempt-audit");
    await expect(signIn("nobody@example.test", "whatever-123", new Headers(), "192.0.2.2")).rejects.toThrow(
      /^Wrong email, username or password/,
    );
    const spellings = [user.email, "OP-A.B", ` ${user.email.toUpperCase()} `]; // username set by the first test
    for (let i = 0; i < 3; i++)
      await expect(signIn(spellings[i]!, `wrong ${i}`, new Headers(), "192.0.2.3")).rejects.toThrow(
        /^Wrong email, username or password\. Check them and try again\.$/,
      );
    await expect(signIn(user.email, "wrong 4", new Headers(), "192.0.2.3")).rejects.toThrow(/Try again in 2 s\./);
    await expect(signIn("op-a.b", user.password, new Headers(), "192.0.2.4")).rejects.toThrow(
      /Too many failed sign-in attempts for this account\. Try again in \d s\./,
    );
    await flushAttemptAudit();
    const failed = await db().auditEvent.findMany({ where: { action: "auth.sign-in-failed", targetId: user.id } });
    expect(failed.map((r) => JSON.parse(r.after!).attempts).reduce((a, b) => a + b, 0)).toBe(4);
    expect(failed.every((r) => r.targetLabel === "op-a.b" && r.outcome === "refused")).toBe(true);
    const throttled = await db().auditEvent.findMany({
      where: { action: "auth.sign-in-throttled", targetId: user.id },
    });
    expect(throttled.map((r) => r.ip)).toEqual(["192.0.2.4"]);
  });

  it("a disabled account gets no session, and hears it is disabled only with the right password", async () => {
    const { db } = await import("../queries/db");
    const banned = await makeUser("viewer");
    await db().user.update({ where: { id: banned.id }, data: { banned: true } });
    await expect(signIn(banned.email, "wrong password", new Headers(), "192.0.2.5")).rejects.toThrow(/^Wrong email/);
    await expect(signIn(banned.email, banned.password, new Headers(), "192.0.2.5")).rejects.toThrow(
      /^This account is disabled: ask an admin to enable it\.$/,
    );
    expect(await db().session.count({ where: { userId: banned.id } })).toBe(0);
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
