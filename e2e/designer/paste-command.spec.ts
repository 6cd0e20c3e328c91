import { SEED_TGI_COMMAND, addHost, cell, expect, test } from "./fixtures";

test("paste the seed's wrong TGI command: both errors come with fixes, applying them fixes the instance", async ({
  page,
}) => {
  await page.goto("/layouts/new");
  await addHost(page);
  // Select all four GPUs by dragging a rectangle.
  const first = await cell(page, "host-a", 0).boundingBox();
  const last = await cell(page, "host-a", 3).boundingBox();
  if (!first || !last) throw new Error("no boxes");
  await page.mouse.move(first.x + 15, first.y + 10);
  await page.mouse.down();
  await page.mouse.move(last.x + 15, last.y + 10, { steps: 8 });
  await page.mouse.up();

  const panel = page.getByRole("region", { name: "New instance" });
  await expect(panel).toContainText("GPU 0, 1, 2, 3 (TP 4)");
  await panel.getByRole("button", { name: "Paste a command" }).click();
  await panel.getByLabel(/docker run \/ vllm serve/).fill(SEED_TGI_COMMAND);
  await panel.getByRole("button", { name: "Read command" }).click();

  const instance = page.getByRole("region", { name: "Instance qwen2.5-7b-instruct" });
  const problems = instance.getByRole("list", { name: "Problems of qwen2.5-7b-instruct" });
  await expect(problems).toContainText("--quantize gptq_int4 is not a TGI value");
  await expect(problems).toContainText(
    "--tensor-parallel-size 4 is a vLLM flag; TGI does not have it. TGI shards with --num-shard.",
  );
  const shardFix = problems.getByRole("button", { name: "Apply fix: Use --num-shard 4." });
  const quantFix = problems.getByRole("button", { name: /^Apply fix: Use --quantize gptq/ });
  await expect(shardFix).toBeVisible();
  await expect(quantFix).toBeVisible();

  await shardFix.click();
  await expect(instance.getByLabel("Tensor parallel (GPUs)")).toHaveValue("4");
  await expect(cell(page, "host-a", 3)).toHaveAccessibleName(/qwen2\.5-7b-instruct 4 of 4/);
  await expect(problems).not.toContainText("--tensor-parallel-size 4 is a vLLM flag");

  await quantFix.click();
  await expect(instance.getByLabel("Quantization")).toHaveValue("gptq");
  await expect(problems).not.toContainText("--quantize gptq_int4 is not a TGI value");
  // gptq needs a GPTQ checkpoint: the layout rules now offer the one-click switch to it.
  const checkpointFix = problems.getByRole("button", { name: /Qwen2\.5-7B-Instruct-GPTQ-Int4/ }).first();
  if (await checkpointFix.isVisible()) {
    await checkpointFix.click();
    await expect(instance.getByRole("combobox", { name: "Model" })).toHaveValue("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4");
  }
  await page.screenshot({ path: "e2e/artifacts/designer-paste-tgi.png", fullPage: true });
});

test("a pasted text without a server command says so and adds nothing", async ({ page }) => {
  await page.goto("/layouts/new");
  await addHost(page);
  await cell(page, "host-a", 0).click();
  const panel = page.getByRole("region", { name: "New instance" });
  await panel.getByRole("button", { name: "Paste a command" }).click();
  await panel.getByLabel(/docker run \/ vllm serve/).fill("nvidia-smi");
  await panel.getByRole("button", { name: "Read command" }).click();
  await expect(panel.getByRole("list", { name: "Problems of the pasted text" })).toContainText("Found no docker run");
  await expect(cell(page, "host-a", 0)).toHaveAccessibleName(/free/);
});
