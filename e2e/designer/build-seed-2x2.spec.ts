import { bandLabel } from "../../lib/budget/uncertainty";
import { budgetLayout } from "../../lib/budget/layout";
import type { Layout } from "../../lib/vocabulary/layout-schema";
import { DEFAULT_PLANNING_GPU, catalogBudgetResolver as catalogResolver } from "../../lib/layout/resolvers";
import { findGpu } from "../../lib/catalog";
import { plannedHost } from "../../lib/designer/new-host";
import { newInstance } from "../../lib/designer/new-instance";
import { addHost, cell, expect, pickModel, test } from "./fixtures";

const INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
const INT4_OPTION = /Qwen\/Qwen2\.5-7B-Instruct-GPTQ-Int4$/;

/**
 * The seed's 2×2 layout: two INT4 instances of Qwen2.5-7B, each on 2 of 4 RTX 4090D, as lib/budget computes it, with
 * the memory share new instances get under the default 90 % VRAM ceiling.
 */
function expectedLayout(): Layout {
  const host = plannedHost({ name: "host-a", gpuId: "rtx-4090d", gpuCount: 4, ramGiB: 64, cpuCores: 16 });
  const defaults = { vramCeiling: 0.9, gpu: findGpu("rtx-4090d")! };
  const a = newInstance(INT4, { hostId: "host-a", gpuIndices: [0, 1], anchor: 0 }, defaults);
  const b = { ...newInstance(INT4, { hostId: "host-a", gpuIndices: [2, 3], anchor: 2 }, defaults), id: `${a.id}-2` };
  return { schemaVersion: 1, name: "New layout", hosts: [host], instances: [a, b] };
}

test("build the seed's 2×2 INT4 layout by mouse; the page shows lib/budget's numbers", async ({ page }) => {
  await page.goto("/layouts/new");
  await addHost(page);
  await expect(page.getByRole("grid", { name: "GPU layout" }).getByRole("gridcell")).toHaveCount(4);

  // Instance 1: click GPU 0, shift-click GPU 1, pick the model.
  await cell(page, "host-a", 0).click();
  await cell(page, "host-a", 1).click({ modifiers: ["Shift"] });
  await expect(page.getByRole("region", { name: "New instance" })).toContainText("host-a, GPU 0, 1 (TP 2)");
  await pickModel(page, "qwen2.5 7b int4", INT4_OPTION);
  await expect(page.getByRole("region", { name: /^Instance qwen2\.5-7b-instruct-gptq-int4$/ })).toBeVisible();

  // Instance 2: drag a rectangle from GPU 2 to GPU 3.
  await page.getByRole("button", { name: "Close panel" }).click();
  const from = await cell(page, "host-a", 2).boundingBox();
  const to = await cell(page, "host-a", 3).boundingBox();
  if (!from || !to) throw new Error("cells have no box");
  await page.mouse.move(from.x + 20, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(to.x + 30, to.y + 10, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole("region", { name: "New instance" })).toContainText("host-a, GPU 2, 3 (TP 2)");
  await pickModel(page, "qwen2.5 7b int4", INT4_OPTION);

  const expected = budgetLayout(expectedLayout(), catalogResolver, { defaultGpu: DEFAULT_PLANNING_GPU });
  await expect(cell(page, "host-a", 3)).toHaveAccessibleName(/qwen2\.5-7b-instruct-gptq-int4-2 2 of 2/);

  // Every GPU: hover shows the exact planned bytes in the tooltip; they equal lib/budget's.
  for (const gpu of expected.gpus) {
    const box = await cell(page, "host-a", gpu.gpuIndex).boundingBox();
    if (!box) throw new Error("no box");
    await page.mouse.move(box.x + box.width / 2, box.y + 8);
    const tooltip = page.getByRole("tooltip");
    await expect(tooltip).toContainText(`host-a GPU ${gpu.gpuIndex}`);
    await expect(tooltip).toContainText(`(${gpu.plannedBytes.toLocaleString("en-US")} B)`);
  }

  // Each instance's KV cache and concurrency, as the panel shows them.
  for (const id of Object.keys(expected.instances)) {
    const budget = expected.instances[id]!;
    await page.getByRole("button", { name: new RegExp(`^Open ${id.replace(/\./g, "\\.")}:`) }).click();
    const panel = page.getByRole("region", { name: `Instance ${id}` });
    await expect(panel.getByTestId("kv-tokens")).toHaveText(
      `${budget.kvCacheTokens.toLocaleString("en-US")} tokens ${bandLabel(budget.uncertainty.relative)}`,
    );
    await expect(panel.getByTestId("kv-tokens")).toHaveAttribute(
      "data-low",
      String(budget.uncertainty.kvCacheTokensLow),
    );
    await expect(panel.getByTestId("fit-verdict")).toHaveAttribute("data-value", budget.uncertainty.verdict);
    await expect(panel.getByTestId("max-concurrency")).toContainText(`×${budget.maxConcurrency.toFixed(2)}`);
    const weights = budget.terms.find((t) => t.name === "weights")!;
    await expect(panel.getByRole("table", { name: `Memory budget of ${id} per GPU` })).toContainText(
      `(${weights.bytes.toLocaleString("en-US")} B)`,
    );
  }

  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText("4 / 0");
  const kvTotal = Object.values(expected.instances).reduce((s, b) => s + b.kvCacheTokens, 0);
  await expect(summary).toContainText(`${kvTotal.toLocaleString("en-US")} tokens`);
  await page.screenshot({ path: "e2e/artifacts/designer-2x2.png", fullPage: true });
});

test("drag a block to move it and drag its edge to change TP", async ({ page }) => {
  await page.goto("/layouts/new");
  await addHost(page);
  await cell(page, "host-a", 0).click();
  await pickModel(page, "qwen2.5 7b int4", INT4_OPTION);
  const id = "qwen2.5-7b-instruct-gptq-int4";
  const band = page.locator(`[data-band="${id}"]`);
  const target = await cell(page, "host-a", 2).boundingBox();
  const grab = await band.boundingBox();
  if (!target || !grab) throw new Error("no boxes");
  await page.mouse.move(grab.x + 10, grab.y + grab.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 20, target.y + 10, { steps: 6 });
  await page.mouse.up();
  await expect(cell(page, "host-a", 2)).toHaveAccessibleName(new RegExp(`${id.replace(/\./g, "\\.")} 1 of 1`));
  await expect(cell(page, "host-a", 0)).toHaveAccessibleName(/free/);

  const handle = page.locator(`[data-resize="${id}"]`);
  const edge = await handle.boundingBox();
  const last = await cell(page, "host-a", 3).boundingBox();
  if (!edge || !last) throw new Error("no boxes");
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width / 2, last.y + 10, { steps: 6 });
  await page.mouse.up();
  await expect(cell(page, "host-a", 3)).toHaveAccessibleName(new RegExp(`${id.replace(/\./g, "\\.")} 2 of 2`));
  await expect(page.getByRole("region", { name: `Instance ${id}` }).getByLabel("Tensor parallel (GPUs)")).toHaveValue(
    "2",
  );
});
