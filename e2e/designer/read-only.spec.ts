import type { Page } from "@playwright/test";
import { findTemplate } from "../../lib/layout/templates";
import { createToken } from "../auth/helpers";
import { watchConsoleErrors } from "../console-errors";
import { cell, expect, test } from "./fixtures";
import { seedLayout } from "./seed-layout";

/** Issue 15 item 2: viewers and read-only tokens get a read-only designer that says why once, at the top. */

const SEED_2X2 = findTemplate("qwen2.5-7b-4090d-2x2-int4")!.layout;
const FIRST = "qwen7b-int4-1";

/** No editing anywhere: no toolbar edits, no fields, no fix buttons, and a drag moves nothing. */
async function expectReadOnly(page: Page) {
  await expect(page.getByRole("note", { name: "Read-only" })).toHaveCount(1);
  for (const name of ["Save revision", "Apply…", "Add host", "Auto-place", "Undo"])
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Layout name" })).toHaveCount(0);

  await page.getByRole("button", { name: new RegExp(`^Open ${FIRST}:`) }).click();
  const panel = page.getByRole("region", { name: `Instance ${FIRST}` });
  await expect(panel.getByRole("definition").first()).toBeVisible();
  await expect(panel.getByLabel(`Settings of ${FIRST}`)).toContainText("gpu_memory_utilization0.85");
  await expect(panel.getByRole("textbox")).toHaveCount(0);
  await expect(panel.getByRole("combobox")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: /^Apply fix/ })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: `Delete ${FIRST}` })).toHaveCount(0);

  // Dragging the block onto GPU 3 changes nothing.
  const before = await cell(page, "gpu-node-1", 0).getAttribute("aria-label");
  const band = await page.locator(`[data-band-primary="${FIRST}"]`).boundingBox();
  const target = await cell(page, "gpu-node-1", 3).boundingBox();
  if (!band || !target) throw new Error("no boxes");
  await page.mouse.move(band.x + 10, band.y + band.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 20, target.y + 10, { steps: 6 });
  await page.mouse.up();
  await expect(cell(page, "gpu-node-1", 0)).toHaveAttribute("aria-label", before ?? "");
}

test("a viewer sees the saved layout read-only, told why once at the top, with no Save a copy", async ({ as }) => {
  const id = seedLayout({ ...SEED_2X2, name: "read-only for viewers" });
  const page = await as("viewer");
  await page.goto(`/layouts/${id}`);
  await expect(page.getByRole("note", { name: "Read-only" })).toHaveText(
    "Read-only. Your role is viewer (read-only): layout.write needs an operator or admin. Ask an admin to change your role.",
  );
  await expectReadOnly(page);
  await expect(page.getByRole("button", { name: "Save a copy" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/designer-viewer.png", fullPage: true });
});

test("an operator edits the same layout: no read-only note, the form and Save revision are there", async ({ as }) => {
  const id = seedLayout({ ...SEED_2X2, name: "editable for operators" });
  const page = await as("operator");
  await page.goto(`/layouts/${id}`);
  await expect(page.getByRole("grid", { name: "GPU layout" })).toBeVisible();
  await expect(page.getByRole("note", { name: "Read-only" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save revision" })).toBeVisible();
  await page.getByRole("button", { name: new RegExp(`^Open ${FIRST}:`) }).click();
  await expect(
    page.getByRole("region", { name: `Instance ${FIRST}` }).getByLabel("gpu_memory_utilization"),
  ).toHaveValue("0.85");
});

test("an API token without the write scope gets the designer read-only too", async ({ page, browser, baseURL }) => {
  const id = seedLayout({ ...SEED_2X2, name: "read-only for read tokens" });
  const token = await createToken(page, "designer read-only", ["read"]);
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    baseURL,
    viewport: { width: 1600, height: 1000 },
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const reader = await context.newPage();
  const errors = watchConsoleErrors(reader);
  await reader.goto(`/layouts/${id}`);
  await expect(reader.getByRole("note", { name: "Read-only" })).toContainText(
    'This API token has scopes [read]; layout.write needs the "write" scope',
  );
  await expectReadOnly(reader);
  await context.close();
  expect(errors.filter((e) => !/Failed to load resource|favicon/.test(e))).toEqual([]);
});
