import { addHost, cell, dragSelect, expect, INT4_OPTION, pickModel, test } from "./fixtures";

/** Issue 15 items 4, 5 and 8, as an operator building a layout by mouse. */

const INT4_ID = "qwen2.5-7b-instruct-gptq-int4";

test("item 4: each hand-placed instance gets a free port on its host; a clash made by hand is flagged and fixed", async ({
  as,
}) => {
  const page = await as("operator");
  await page.goto("/layouts/new");
  await addHost(page);
  for (const gpu of [0, 1]) {
    await cell(page, "host-a", gpu).click();
    await pickModel(page, "qwen2.5 7b int4", INT4_OPTION);
    await page.getByRole("button", { name: "Close panel" }).click();
  }
  const second = `${INT4_ID}-2`;
  for (const [id, port] of [
    [INT4_ID, "8000"],
    [second, "8001"],
  ] as const) {
    await page.getByRole("button", { name: new RegExp(`^Open ${id.replace(/\./g, "\\.")}:`) }).click();
    const panel = page.getByRole("region", { name: `Instance ${id}` });
    await expect(panel.getByLabel("Port")).toHaveValue(port);
    await panel.locator("summary", { hasText: "docker run" }).click();
    await expect(panel.locator("pre")).toContainText(`-p ${port}:8000`);
  }
  const findings = page.getByRole("region", { name: "Findings" });
  await expect(findings.getByRole("heading")).toHaveText("No errors or warnings");

  // By hand onto the first one's port: an error with a free port as its fix.
  const panel = page.getByRole("region", { name: `Instance ${second}` });
  await panel.getByLabel("Port").fill("8000");
  const problems = panel.getByRole("list", { name: `Problems of ${second}` });
  await expect(problems).toContainText(`"${second}" and "${INT4_ID}" both publish port 8000 on "host-a"`);
  await expect(findings.getByRole("heading")).toHaveText("1 error");
  await problems.getByRole("button", { name: /^Apply fix: Use port 8001/ }).click();
  await expect(panel.getByLabel("Port")).toHaveValue("8001");
  await expect(findings.getByRole("heading")).toHaveText("No errors or warnings");
});

test("item 5: a field holding an invalid value blocks saving and says which; fixed, the layout saves it", async ({
  as,
}) => {
  const page = await as("operator");
  await page.goto("/layouts/new?template=qwen2.5-7b-4090d-2x2-int4");
  await page.getByRole("button", { name: /^Open qwen7b-int4-1:/ }).click();
  const panel = page.getByRole("region", { name: "Instance qwen7b-int4-1" });
  const gmu = panel.getByLabel("gpu_memory_utilization");
  await gmu.fill("5");
  await expect(gmu).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByText("5 is above 1. Enter a value from 0.05 to 1.")).toBeVisible();
  await expect(page.getByTestId("save-blocked")).toHaveText(
    'Saving is blocked: fix gpu_memory_utilization of "qwen7b-int4-1": 5 is above 1. Enter a value from 0.05 to 1.',
  );
  await expect(page.getByRole("button", { name: "Save layout" })).toBeDisabled();

  await gmu.fill("0.8");
  await expect(page.getByTestId("save-blocked")).toHaveCount(0);
  await page.getByRole("button", { name: "Save layout" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Save revision" }).click();
  await page.waitForURL(/\/layouts\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: /^Open qwen7b-int4-1:/ }).click();
  await expect(
    page.getByRole("region", { name: "Instance qwen7b-int4-1" }).getByLabel("gpu_memory_utilization"),
  ).toHaveValue("0.8");
});

test("item 8: the TGI form shows TGI's knobs, not vLLM's max_num_seqs; vLLM's shows its own", async ({ as }) => {
  const page = await as("operator");
  await page.goto("/layouts/new");
  await addHost(page);
  await dragSelect(page, "host-a", 0, 1);
  await pickModel(page, "qwen2.5 7b int4", INT4_OPTION);
  const panel = page.getByRole("region", { name: `Instance ${INT4_ID}` });
  const vllmOnly = ["max_model_len (tokens)", "gpu_memory_utilization", "max_num_seqs", "max_num_batched_tokens"];
  const tgiOnly = [
    "max_input_tokens",
    "max_total_tokens",
    "max_batch_prefill_tokens",
    "max_batch_total_tokens",
    "cuda_memory_fraction",
  ];
  for (const label of vllmOnly) await expect(panel.getByLabel(label, { exact: true })).toBeVisible();
  for (const label of tgiOnly) await expect(panel.getByLabel(label, { exact: true })).toHaveCount(0);

  await panel.getByLabel("Engine").selectOption("tgi");
  await expect(panel.getByRole("group", { name: "TGI settings" })).toBeVisible();
  for (const label of tgiOnly) await expect(panel.getByLabel(label, { exact: true })).toBeVisible();
  for (const label of vllmOnly) await expect(panel.getByLabel(label, { exact: true })).toHaveCount(0);
  // TGI's limits reach the command it runs.
  await panel.getByLabel("max_total_tokens", { exact: true }).fill("8192");
  await panel.getByLabel("max_input_tokens", { exact: true }).fill("4096");
  await panel.locator("summary", { hasText: "docker run" }).click();
  await expect(panel.locator("pre")).toContainText("--max-input-tokens 4096");
  await expect(panel.locator("pre")).toContainText("--max-total-tokens 8192");
  await expect(panel.locator("pre")).toContainText("--num-shard 2");
});
