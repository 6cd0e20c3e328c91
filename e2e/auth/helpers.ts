import { expect, type Browser, type Page } from "@playwright/test";
import type { TokenScope } from "../../lib/vocabulary/access";

export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email or username").fill(identifier);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
}

/** A fresh browser context (no admin cookies) signed in as someone else. */
export async function pageAs(browser: Browser, identifier: string, password: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, identifier, password);
  return page;
}

/** Adds a user through Settings → Users, as the admin page. */
export async function addUser(
  page: Page,
  user: { email: string; username: string; password: string },
  role: "operator" | "viewer" | "admin",
): Promise<void> {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Username").fill(user.username);
  await form.getByLabel("Initial password").fill(user.password);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("table", { name: "Users" }).getByText(user.email, { exact: true })).toBeVisible();
}

export async function createToken(page: Page, name: string, scopes: TokenScope[]): Promise<string> {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Token name").fill(name);
  for (const box of await form.getByRole("checkbox").all()) {
    const scope = (await box.getAttribute("aria-label")) as TokenScope;
    await box.setChecked(scopes.includes(scope));
  }
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
  return token;
}
