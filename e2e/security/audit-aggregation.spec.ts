import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminCookie, callAction, raw } from "./http";

/** Issue 11, item 7: a flood of failed and throttled sign-ins writes one audit row per account, address and minute. */

test("30 wrong sign-ins on one account from one address make at most a few audit rows, with the count", async () => {
  const account = `flood-${randomUUID().slice(0, 8)}`;
  for (let i = 0; i < 30; i++)
    await callAction(
      "lib/actions/auth/sign-in.ts",
      { identifier: account, password: `wrong ${i}` },
      { from: "127.0.4.1" },
    );
  const csv = await raw("GET", `/api/audit/export?q=${account}`, { headers: { cookie: adminCookie() } });
  const rows = csv.text.split("\r\n").filter((l) => l.includes(account));
  // failed and throttled, each possibly split by a minute boundary
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(4);
  const counts = rows.map((r) => Number(/""attempts"":(\d+)/.exec(r)?.[1] ?? 1));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
});
