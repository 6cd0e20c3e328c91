import { expect, test } from "@playwright/test";
import { callAction } from "./http";
import { ensureUser, person } from "./people";

/**
 * Issue 11, item 2: simultaneous attempts must not skip the lockout. Each attempt is a real HTTP request to the
 * sign-in server action, from its own loopback address (so only the account limit applies), all sent at once.
 * "Checked" = the server compared the password (the answer starts "Wrong …"); a refused attempt never reaches
 * the hash ("Too many failed sign-in attempts …").
 */

const SIGN_IN = "lib/actions/auth/sign-in.ts";
const VICTIM = person("lockout-victim");

function isChecked(error: string | undefined): boolean {
  return /^Wrong email, username or password/.test(error ?? "");
}

test("100 simultaneous wrong passwords on one account: no more are checked than the policy allows, then the right password is throttled", async () => {
  await ensureUser(VICTIM, "viewer");
  // The account is the same whichever way it is typed.
  const spellings = [VICTIM.username, VICTIM.username.toUpperCase(), VICTIM.email, ` ${VICTIM.email.toUpperCase()} `];
  const attempts = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      callAction(
        SIGN_IN,
        { identifier: spellings[i % spellings.length], password: `wrong guess ${i}` },
        { from: `127.0.1.${i + 1}` },
      ),
    ),
  );
  for (const a of attempts) expect(a.status).toBe(200);
  const errors = attempts.map((a) => a.result?.error);
  expect(attempts.every((a) => a.result?.ok === false)).toBe(true);
  const checked = errors.filter(isChecked).length;
  expect(checked, "the account policy lets 4 failed attempts be checked").toBeLessThanOrEqual(4);
  expect(checked).toBeGreaterThan(0);
  expect(errors.filter((e) => /^Too many failed sign-in attempts for this account/.test(e ?? ""))).toHaveLength(
    100 - checked,
  );
  const right = await callAction(
    SIGN_IN,
    { identifier: VICTIM.email, password: VICTIM.password },
    { from: "127.0.1.200" },
  );
  expect(right.result?.ok).toBe(false);
  expect(right.result?.error).toMatch(/Too many failed sign-in attempts for this account\. Try again in \d+ s\./);
  expect(right.setCookie.join()).not.toContain("session_token");
});

test("40 simultaneous attempts from one address on different accounts: at most 20 are checked", async () => {
  const attempts = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      callAction(SIGN_IN, { identifier: `nobody-${i}@fleetdeck.test`, password: "wrong guess" }, { from: "127.0.3.1" }),
    ),
  );
  const errors = attempts.map((a) => a.result?.error);
  const checked = errors.filter(isChecked).length;
  expect(checked, "the address policy lets 20 failed attempts be checked").toBeLessThanOrEqual(20);
  expect(checked).toBeGreaterThan(0);
  expect(errors.filter((e) => /^Too many failed sign-in attempts from your address/.test(e ?? ""))).toHaveLength(
    40 - checked,
  );
  // Another address is not affected.
  const elsewhere = await callAction(
    SIGN_IN,
    { identifier: "nobody-else@fleetdeck.test", password: "wrong guess" },
    { from: "127.0.3.2" },
  );
  expect(isChecked(elsewhere.result?.error)).toBe(true);
});
