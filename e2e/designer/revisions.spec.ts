import { addHost, cell, expect, pickModel, test } from "./fixtures";

test("save two revisions with notes, open a permalink, and see the diff with budgets before and after", async ({
  page,
}) => {
  await page.goto("/layouts/new?template=qwen2.5-7b-4090d-2x2-int4");
  await expect(page.getByRole("grid", { name: "GPU layout" })).toBeVisible();
  await page.getByRole("button", { name: "Save layout" }).click();
  await page.getByLabel("Note (what changed and why)").fill("seed 2×2 INT4");
  await page.getByRole("button", { name: "Save revision" }).click();
  await page.waitForURL(/\/layouts\/[0-9a-f-]{36}$/);
  const layoutUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Revision 1", exact: true })).toBeVisible();

  // Second revision: raise max_model_len of the first instance and add a host with one more instance.
  const first = page.getByRole("button", { name: /^Open qwen7b-int4-1:/ });
  await first.click();
  const panel = page.getByRole("region", { name: "Instance qwen7b-int4-1" });
  const len = panel.getByLabel("max_model_len (tokens)");
  await len.fill("16384");
  await addHost(page);
  await cell(page, "host-a", 0).click();
  await pickModel(page, "qwen2.5 7b int4", /Qwen\/Qwen2\.5-7B-Instruct-GPTQ-Int4$/);
  await page.getByRole("button", { name: "Save revision" }).click();
  await page.getByLabel("Note (what changed and why)").fill("shorter context, one more card");
  await page.getByRole("dialog").getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved revision 2." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Revision 2", exact: true })).toBeVisible();

  // Apply shows the plan first: nothing runs yet, so all three instances start.
  await page.getByRole("button", { name: "Apply…" }).click();
  const plan = page.getByRole("dialog", { name: "Apply revision 2" });
  await expect(plan.getByRole("region", { name: "Start" })).toContainText("Start (3)");
  await page.keyboard.press("Escape");

  // The permalink of revision 1 still shows what was saved then, read-only.
  await page.getByRole("link", { name: "Revision 1", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("revision 1");
  await expect(page.getByRole("button", { name: "Add host" })).toHaveCount(0);
  await expect(page.getByRole("gridcell")).toHaveCount(4);

  await page.goto(layoutUrl);
  await page.getByRole("button", { name: "Compare revisions" }).click();
  await expect(page).toHaveURL(/\/diff\?from=1&to=2$/);
  await expect(page.getByRole("list", { name: "Added", exact: true })).toContainText("qwen2.5-7b-instruct-gptq-int4");
  await expect(page.getByRole("list", { name: "Changed", exact: true })).toContainText("maxModelLen 32768 → 16384");
  await expect(page.getByRole("list", { name: "Hosts added" })).toContainText("host-a");
  const budgets = page.getByRole("table", { name: "Budgets before and after" });
  await expect(budgets.getByRole("row", { name: /qwen7b-int4-1/ })).toBeVisible();
  await expect(page.getByRole("grid", { name: "GPU layout revision 2" }).getByRole("gridcell")).toHaveCount(8);
  await page.screenshot({ path: "e2e/artifacts/designer-diff.png", fullPage: true });
});
