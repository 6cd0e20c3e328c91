import { budgetLayout } from "../../lib/budget/layout";
import { TEMPLATES } from "../../lib/layout/templates";
import { DEFAULT_PLANNING_GPU, catalogBudgetResolver as catalogResolver } from "../../lib/layout/resolvers";
import { expect, test } from "./fixtures";

const SEED = TEMPLATES.filter((t) => t.id.startsWith("qwen2.5-7b-4090d"));

test("the layouts page lists the templates; each seed template opens with lib/budget's real numbers", async ({
  page,
}) => {
  expect(SEED).toHaveLength(3);
  await page.goto("/layouts");
  const gallery = page.getByRole("region", { name: "From template" });
  for (const t of TEMPLATES) await expect(gallery.getByRole("link", { name: t.title })).toBeVisible();
  for (const t of SEED) {
    await page.goto("/layouts");
    await page.getByRole("region", { name: "From template" }).getByRole("link", { name: t.title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(t.title);
    const expected = budgetLayout(t.layout, catalogResolver, { defaultGpu: DEFAULT_PLANNING_GPU });
    const kv = Object.values(expected.instances).reduce((s, b) => s + b.kvCacheTokens, 0);
    await expect(page.getByRole("region", { name: "Summary" })).toContainText(`${kv.toLocaleString("en-US")} tokens`);
    for (const gpu of expected.gpus) {
      await expect(
        page.locator(`[role="gridcell"][data-host="${gpu.hostId}"][data-gpu="${gpu.gpuIndex}"]`),
      ).toHaveAttribute("data-planned-bytes", String(gpu.plannedBytes));
    }
  }
});
