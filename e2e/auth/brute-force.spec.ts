import { expect, test } from "@playwright/test";
import { TARGET } from "./accounts";
import { addUser } from "./helpers";

test("brute-force sign-in is slowed, with a clear message, even for the right password", async ({ page, browser }) => {
  await addUser(page, TARGET, "viewer");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const anon = await context.newPage();
  await anon.goto("/sign-in");
  for (let i = 1; i <= 5; i++) {
    await anon.getByLabel("Email or username").fill(TARGET.username);
    await anon.getByLabel("Password").fill(`wrong guess ${i}`);
    await anon.getByRole("button", { name: "Sign in" }).click();
    await expect(anon.locator("form [role=alert]")).toContainText(
      i < 5 ? /^Wrong email, username or password\. Check them and try again\.$/ : /Try again in \d+ s\./,
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
  await page.goto("/audit?action=auth.sign-in-failed");
  await expect(
    page
      .getByRole("table", { name: "Audit events" })
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: `account ${TARGET.username}`, exact: true }) }),
  ).toHaveCount(5);
  await context.close();
});
