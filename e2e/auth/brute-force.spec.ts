import { expect, test } from "@playwright/test";
import { TARGET } from "./accounts";
import { addUser } from "./helpers";

test("brute-force sign-in is slowed, with a clear message, even for the right password", async ({ page, browser }) => {
  await addUser(page, TARGET, "viewer");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const anon = await context.newPage();
  await anon.goto("/sign-in");
  // The account counts however it is typed; its 4th failure locks it.
  const spellings = [TARGET.username, TARGET.email, TARGET.username.toUpperCase(), TARGET.email];
  for (let i = 1; i <= 4; i++) {
    await anon.getByLabel("Email or username").fill(spellings[i - 1]!);
    await anon.getByLabel("Password").fill(`wrong guess ${i}`);
    await anon.getByRole("button", { name: "Sign in" }).click();
    await expect(anon.locator("form [role=alert]")).toContainText(
      i < 4 ? /^Wrong email, username or password\. Check them and try again\.$/ : /Try again in \d+ s\./,
    );
  }
  await anon.getByLabel("Password").fill(TARGET.password);
  await anon.getByRole("button", { name: "Sign in" }).click();
  await expect(anon.locator("form [role=alert]")).toContainText(
    /Too many failed sign-in attempts for this account\. Try again in \d+ s\./,
  );
  await expect(anon).toHaveURL(/\/sign-in/);
  // Once the lock has passed, the right password gets in.
  const seconds = Number((await anon.locator("form [role=alert]").textContent())?.match(/in (\d+) s/)?.[1] ?? 0);
  expect(seconds).toBeGreaterThan(0);
  await anon.waitForTimeout(seconds * 1000 + 200);
  await anon.getByRole("button", { name: "Sign in" }).click();
  await expect(anon).toHaveURL(/\/fleet$/);
  // The failures are in the audit log by the account's name, aggregated per minute with their count.
  await page.goto("/audit?action=auth.sign-in-failed");
  const rows = page
    .getByRole("table", { name: "Audit events" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: `user ${TARGET.username}`, exact: true }) });
  await expect(rows.first()).toBeVisible();
  const csv = await (
    await page.request.get(`/api/audit/export?action=auth.sign-in-failed&q=${TARGET.username}`)
  ).text();
  const attempts = [...csv.matchAll(/""attempts"":(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  expect(attempts).toBe(4);
  await context.close();
});
