import { expect, type Page, test } from "@playwright/test";
import { pageAs } from "../auth/helpers";
import { adminCookie, api, callAction } from "./http";
import { ensureUser, insertToken, person, queryOne } from "./people";

/** Issue 15, items 12 and 16: role changes ask and revert; disable, enable, reset a password, delete. */

test.slow(); // several browsers and sign-ins per test

const users = (page: Page) => page.getByRole("table", { name: "Users" }).getByRole("row");
const roleOf = (email: string) => queryOne<{ role: string }>("SELECT role FROM user WHERE email = ?", email)?.role;

test("a role change asks first; Cancel and a refusal show the role the server has", async ({ page }) => {
  const target = person("role-target");
  const id = await ensureUser(target, "viewer");
  await page.goto("/settings");
  const select = page.getByLabel(`Role of ${target.username}`);
  await select.selectOption("operator");
  const dialog = page.getByRole("alertdialog", { name: `Make ${target.username} an operator?` });
  await expect(dialog).toContainText("is a viewer now");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(select).toHaveValue("viewer");
  expect(roleOf(target.email)).toBe("viewer");

  await select.selectOption("operator");
  await page.getByRole("alertdialog").getByRole("button", { name: "Make operator" }).click();
  await expect.poll(() => roleOf(target.email)).toBe("operator");
  await expect(select).toHaveValue("operator");
  // The page's refresh after the change has landed (the select is enabled again) before the user goes behind its back.
  await expect(select).toBeEnabled();

  // Deleted behind this page's back: the change is refused and the select goes back.
  await callAction("lib/actions/users/delete-user.ts", { userId: id }, { cookie: adminCookie(), page: "/settings" });
  await select.selectOption("admin");
  await page.getByRole("alertdialog").getByRole("button", { name: "Make admin" }).click();
  await expect(users(page).filter({ hasText: target.email }).getByRole("alert")).toContainText("does not exist");
  await expect(select).toHaveValue("operator");
});

test("disabling a user ends their sessions and stops their tokens at once; enabling lets them back", async ({
  page,
  browser,
}) => {
  const p = person("to-disable");
  await ensureUser(p, "operator", ["team=a"]);
  const theirs = await pageAs(browser, p.username, p.password);
  const token = insertToken(p.email, ["read"]);
  expect((await api("GET", "/api/v1/instances", { token })).status).toBe(200);

  await page.goto("/settings");
  const row = users(page).filter({ hasText: p.email });
  await row.getByRole("button", { name: `Disable ${p.username}` }).click();
  await page
    .getByRole("alertdialog", { name: `Disable ${p.username}?` })
    .getByRole("button", { name: "Disable" })
    .click();
  await expect(row).toContainText("disabled");

  await theirs.goto("/instances");
  await expect(theirs).toHaveURL(/\/sign-in/);
  expect((await api("GET", "/api/v1/instances", { token })).status).toBe(401);
  const again = await callAction(
    "lib/actions/auth/sign-in.ts",
    { identifier: p.username, password: p.password },
    { from: "127.0.0.9" },
  );
  expect(again.result?.error).toBe("This account is disabled: ask an admin to enable it.");

  await row.getByRole("button", { name: `Enable ${p.username}` }).click();
  await expect(row).toContainText("active");
  expect((await api("GET", "/api/v1/instances", { token })).status).toBe(200);
  await theirs.context().close();
});

test("a password reset link, copied by the admin, sets a new password and ends the old sessions", async ({
  page,
  browser,
}) => {
  const p = person("forgetful");
  await ensureUser(p, "viewer");
  const old = await pageAs(browser, p.username, p.password);
  await page.goto("/settings");
  const row = users(page).filter({ hasText: p.email });
  await row.getByRole("button", { name: `Reset the password of ${p.username}` }).click();
  const link = (await row.getByTestId("reset-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/reset-password#secret=[A-Za-z0-9_-]{43}$/);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await fresh.getByLabel("New password again").fill("a brand new passphrase");
  await fresh.getByRole("button", { name: "Set password" }).click();
  await expect(fresh.getByRole("status")).toContainText(`Your password is set, ${p.username}`);
  // Used once: the same link no longer works.
  await fresh.goto("about:blank");
  await fresh.goto(link);
  await fresh.getByLabel("New password", { exact: true }).fill("another new passphrase");
  await fresh.getByLabel("New password again").fill("another new passphrase");
  await fresh.getByRole("button", { name: "Set password" }).click();
  await expect(fresh.getByText(/This reset link is unknown, used or expired/)).toBeVisible();

  await old.goto("/fleet");
  await expect(old).toHaveURL(/\/sign-in/);
  const signedIn = await callAction(
    "lib/actions/auth/sign-in.ts",
    { identifier: p.username, password: "a brand new passphrase" },
    { from: "127.0.0.10" },
  );
  expect(signedIn.result?.ok).toBe(true);
  await context.close();
  await old.context().close();
});

test("deleting a user asks first; nobody can delete or disable themselves", async ({ page }) => {
  const p = person("to-delete");
  await ensureUser(p, "viewer");
  await page.goto("/settings");
  const row = users(page).filter({ hasText: p.email });
  await row.getByRole("button", { name: `Delete ${p.username}` }).click();
  await page
    .getByRole("alertdialog", { name: `Delete ${p.username}?` })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(users(page).filter({ hasText: p.email })).toHaveCount(0);
  const self = queryOne<{ id: string }>("SELECT id FROM user WHERE role = 'admin' ORDER BY createdAt LIMIT 1")!;
  const r = await callAction("lib/actions/users/disable-user.ts", { userId: self.id }, { cookie: adminCookie() });
  expect(r.result?.error).toMatch(/You can't disable yourself/);
});
