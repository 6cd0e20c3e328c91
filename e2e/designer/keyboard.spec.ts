import { cell, expect, test } from "./fixtures";

test("keyboard only: add a host, select two GPUs, add an instance, open it, delete it", async ({ page }) => {
  await page.goto("/layouts/new");
  // Add host through its dialog with the keyboard.
  await page.getByRole("button", { name: "Add host" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add a planned host" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: /^Add 4×/ }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();

  // One Tab stop into the grid: the first cell.
  const grid = page.getByRole("grid", { name: "GPU layout" });
  await cell(page, "host-a", 0).focus();
  await expect(grid.locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(cell(page, "host-a", 1)).toBeFocused();
  // The focused cell has its exact numbers in a tooltip.
  await expect(page.getByRole("tooltip")).toContainText("host-a GPU 1");
  await page.keyboard.press("Space");
  await expect(cell(page, "host-a", 1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(cell(page, "host-a", 2)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("End");
  await expect(cell(page, "host-a", 3)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(cell(page, "host-a", 0)).toBeFocused();
  await page.keyboard.press("ArrowRight");

  // Enter on a selected GPU opens the new-instance form with the model search focused.
  await page.keyboard.press("Enter");
  const search = page.getByRole("region", { name: "New instance" }).getByRole("combobox", { name: "Model" });
  await expect(search).toBeFocused();
  await page.keyboard.type("qwen2.5 7b instruct gptq int4");
  await page.keyboard.press("Enter");
  const id = "qwen2.5-7b-instruct-gptq-int4";
  await expect(page.getByRole("region", { name: `Instance ${id}` })).toBeVisible();
  await expect(cell(page, "host-a", 2)).toHaveAccessibleName(/qwen2\.5-7b-instruct-gptq-int4 2 of 2/);

  // Back to the grid: Esc closes the panel, Enter on the block's GPU reopens it, Delete removes it, Ctrl+Z brings it back.
  await cell(page, "host-a", 1).focus();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: `Instance ${id}` })).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: `Instance ${id}` })).toBeVisible();
  await cell(page, "host-a", 1).focus();
  await page.keyboard.press("Delete");
  await expect(cell(page, "host-a", 1)).toHaveAccessibleName(/free/);
  await page.keyboard.press("Control+z");
  await expect(cell(page, "host-a", 1)).toHaveAccessibleName(/qwen2\.5-7b-instruct-gptq-int4 1 of 2/);
});
