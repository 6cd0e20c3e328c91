import { bandLabel } from "../../lib/budget/uncertainty";
import { budgetLayout } from "../../lib/budget/layout";
import type { Layout } from "../../lib/vocabulary/layout-schema";
import { DEFAULT_PLANNING_GPU, catalogBudgetResolver as catalogResolver } from "../../lib/layout/resolvers";
import { findGpu } from "../../lib/catalog";
import { plannedHost } from "../../lib/designer/new-host";
import { newInstance } from "../../lib/designer/new-instance";
import { cell, expect, pickModel, test } from "./fixtures";

const INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";

/** The same instance on a planned host under WSL2, as lib/budget computes it. */
function expectedLayout(wsl2: boolean): Layout {
  const host = plannedHost({ name: "host-a", gpuId: "rtx-4090d", gpuCount: 4, ramGiB: 64, cpuCores: 16, wsl2 });
  const defaults = { vramCeiling: 0.9, gpu: findGpu("rtx-4090d")! };
  const instance = newInstance(INT4, { hostId: "host-a", gpuIndices: [0], anchor: 0 }, defaults);
  return { schemaVersion: 1, name: "New layout", hosts: [host], instances: [instance] };
}

test("a planned host under WSL2: its instances book WSL2's CUDA overhead and keep fewer KV tokens", async ({
  page,
}) => {
  await page.goto("/layouts/new");
  await page.getByRole("button", { name: "Add host" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a planned host" });
  await dialog.getByRole("checkbox", { name: /Runs under WSL2/ }).check();
  await dialog.getByRole("button", { name: /^Add 4×/ }).click();
  await expect(dialog).toBeHidden();

  await cell(page, "host-a", 0).click();
  await pickModel(page, "qwen2.5 7b int4", /Qwen\/Qwen2\.5-7B-Instruct-GPTQ-Int4$/);

  const [id, budget] = Object.entries(
    budgetLayout(expectedLayout(true), catalogResolver, { defaultGpu: DEFAULT_PLANNING_GPU }).instances,
  )[0]!;
  const linux = Object.values(
    budgetLayout(expectedLayout(false), catalogResolver, { defaultGpu: DEFAULT_PLANNING_GPU }).instances,
  )[0]!;
  expect(budget.kvCacheTokens).toBeLessThan(linux.kvCacheTokens);
  const panel = page.getByRole("region", { name: `Instance ${id}` });
  await expect(panel.getByTestId("kv-tokens")).toHaveText(
    `${budget.kvCacheTokens.toLocaleString("en-US")} tokens ${bandLabel(budget.uncertainty.relative)}`,
  );
  const nonTorch = budget.terms.find((t) => t.name === "nonTorch")!;
  const row = panel
    .getByRole("table", { name: `Memory budget of ${id} per GPU` })
    .getByRole("row", { name: /^Non-torch/ });
  await expect(row).toHaveAttribute("title", /CUDA under WSL2/);
  await expect(row.locator("[data-term=nonTorch]")).toHaveAttribute("data-bytes", String(nonTorch.bytes));
});
