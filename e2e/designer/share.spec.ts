import { addHost, cell, expect, pickModel, test } from "./fixtures";

test("copy the share link, open it in a fresh browser context: the same grid, read-only, with Save a copy", async ({
  page,
  browser,
  storageState,
  baseURL,
}) => {
  await page.goto("/layouts/new");
  await addHost(page);
  await cell(page, "host-a", 0).click();
  await cell(page, "host-a", 1).click({ modifiers: ["Shift"] });
  await pickModel(page, "qwen2.5 7b awq", /Qwen\/Qwen2\.5-7B-Instruct-AWQ$/);
  await cell(page, "host-a", 3).click();
  await pickModel(page, "llama 3.1 8b", /Llama-3\.1-8B-Instruct$/);

  const labels = await page
    .getByRole("gridcell")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("aria-label")));
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByLabel(/^Share link/).inputValue();
  expect(link).toMatch(/\/layouts\/share#l=1\./);
  expect(link.length).toBeLessThan(2000);

  const fresh = await browser.newContext({
    storageState: typeof storageState === "string" ? storageState : undefined,
    baseURL,
    viewport: { width: 1600, height: 1000 },
  });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByRole("grid", { name: "GPU layout" })).toBeVisible();
  const shared = await other
    .getByRole("gridcell")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("aria-label")));
  expect(shared).toEqual(labels);
  await expect(other.getByRole("button", { name: "Add host" })).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Save a copy" })).toBeVisible();

  // A tampered link says what is wrong and opens nothing.
  const tampered = link.slice(0, -6) + (link.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
  await other.goto("/fleet");
  await other.goto(tampered);
  await expect(other.getByRole("alert").filter({ hasText: "cannot be opened" })).toContainText("The link is broken:");
  await expect(other.getByRole("grid")).toHaveCount(0);
  await fresh.close();
});
