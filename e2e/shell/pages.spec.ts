import { expect, test } from "@playwright/test";
import { NAV_ITEMS } from "../../components/shell/nav-items";
import { watchConsoleErrors } from "../console-errors";

for (const item of NAV_ITEMS) {
  test(`${item.label} page renders without console errors`, async ({ page }) => {
    const errors = watchConsoleErrors(page);
    await page.goto(item.href);
    await expect(page.getByRole("heading", { level: 1, name: item.label })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item.label }),
    ).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: `e2e/artifacts/shell-${item.label.toLowerCase()}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}

test("navigation moves between pages", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/fleet$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "embedded SQLite file" })).toBeVisible();
});

test("the theme toggle switches to dark and is remembered", async ({ page }) => {
  await page.goto("/fleet");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /Switch to (dark|light) theme/ }).first();
  const wasDark = ((await html.getAttribute("class")) ?? "").includes("dark");
  await toggle.click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.screenshot({ path: "e2e/artifacts/shell-theme.png" });
});

test("an unknown address shows the not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
