import { mkdirSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE } from "../../playwright.config";
import { ADMIN } from "../auth/accounts";

/** First run: with no users, every page leads to the first-admin form; creating it signs the admin in. */
setup("first-run admin creation", async ({ page }) => {
  await page.goto("/fleet");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Username").fill(ADMIN.username);
  const password = page.getByLabel("Password", { exact: true });
  // Issue 15, item 13: the rule is there before anything is sent.
  await expect(password).toHaveAccessibleDescription(/At least 10 characters/);
  await password.fill("shorty-pw");
  await page.getByLabel("Password again").fill("shorty-pw");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByText(/password: got \(hidden\): use at least 10 characters/).first()).toBeVisible();
  // The password typed is never repeated back.
  await expect(page.locator("form")).not.toContainText("shorty-pw");
  // Fixing the field clears its error at once, before sending again.
  await password.fill(ADMIN.password);
  await expect(page.getByText(/use at least 10 characters/)).toHaveCount(0);
  await page.getByLabel("Password again").fill(`${ADMIN.password}x`);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByText("the two passwords differ: type the same password twice")).toBeVisible();
  await page.getByLabel("Password again").fill(ADMIN.password);
  await expect(page.getByText("the two passwords differ")).toHaveCount(0);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByTestId("user-menu")).toContainText(ADMIN.username);
  await expect(page.getByTestId("user-menu")).toContainText("Role: admin");
  // The setup page closes once an admin exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/(sign-in|fleet)$/);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("fleetdeck.session_token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  mkdirSync(".test-env/storage", { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
});
