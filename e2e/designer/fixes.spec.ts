import type { Page } from "@playwright/test";
import { addHost, cell, dragSelect, expect, pickModel, SEED_TGI_COMMAND, test } from "./fixtures";

/** Issue 15 item 6, as an operator: fixes that show in the form, a rename warning that clears, pastes on a selection. */

const ID = "qwen2.5-7b-instruct";

async function paste(page: Page, command: string) {
  const panel = page.getByRole("region", { name: "New instance" });
  await panel.getByRole("button", { name: "Paste a command" }).click();
  await panel.getByLabel(/docker run \/ vllm serve/).fill(command);
  await panel.getByRole("button", { name: "Read command" }).click();
}

test("the seed's TGI command pasted on 4 selected GPUs uses them; every fix is offered and the form follows", async ({
  as,
}) => {
  const page = await as("operator");
  await page.goto("/layouts/new");
  await addHost(page);
  await dragSelect(page, "host-a", 0, 3);
  await paste(page, SEED_TGI_COMMAND);

  // The selection, not TP 1 on GPU 0: the command gives no TGI shard count.
  const instance = page.getByRole("region", { name: `Instance ${ID}` });
  await expect(instance.getByLabel("Tensor parallel (GPUs)")).toHaveValue("4");
  await expect(cell(page, "host-a", 3)).toHaveAccessibleName(/qwen2\.5-7b-instruct 4 of 4/);
  const problems = instance.getByRole("list", { name: `Problems of ${ID}` });
  await expect(problems).not.toContainText("were selected");

  // The rename warning has a fix, and applying it clears the warning (the value stays under the new name).
  const rename = problems.locator('[data-code="flag.renamed"]');
  await rename.getByRole("button", { name: "Apply fix: Use --max-input-tokens 32768." }).click();
  await expect(problems.locator('[data-code="flag.renamed"]')).toHaveCount(0);
  await expect(instance.getByLabel("max_input_tokens", { exact: true })).toHaveValue("32768");

  // --quantize gptq_int4: two ways out, each a button. The first switches to the GPTQ checkpoint as well, and the
  // Model field shows it (it kept the pasted model before).
  const quant = problems.locator('[data-code="flag.bad-choice"]');
  await expect(quant.getByRole("button")).toHaveText([
    "Use --quantize gptq with Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
    "Leave --quantize out (auto-detect)",
  ]);
  await quant
    .getByRole("button", { name: "Apply fix: Use --quantize gptq with Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4" })
    .click();
  await expect(instance.getByRole("combobox", { name: "Model" })).toHaveValue("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4");
  await expect(instance.getByLabel("Quantization")).toHaveValue("gptq");
  await expect(problems.locator('[data-code="flag.bad-choice"]')).toHaveCount(0);

  // 131072 tokens on a 32768-token model: scale RoPE, or the model's own length; the second updates the field.
  const context = problems.locator('[data-code="context.needs-rope-scaling"]');
  await expect(context.getByRole("button")).toHaveText([
    "Scale RoPE ×4 (dynamic)",
    "Lower --max-total-tokens to 32768",
  ]);
  await context.getByRole("button", { name: "Apply fix: Lower --max-total-tokens to 32768" }).click();
  await expect(instance.getByLabel("max_total_tokens", { exact: true })).toHaveValue("32768");
  await expect(problems.locator('[data-code="context.needs-rope-scaling"]')).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/designer-fixes.png", fullPage: true });
});

test("gptq on an unquantized checkpoint: its GPTQ sibling or no --quantization, and the Model field follows", async ({
  as,
}) => {
  const page = await as("operator");
  await page.goto("/layouts/new");
  await addHost(page);
  await cell(page, "host-a", 0).click();
  await pickModel(page, "qwen2.5 7b instruct", /Qwen\/Qwen2\.5-7B-Instruct$/);
  const instance = page.getByRole("region", { name: `Instance ${ID}` });
  await instance.getByLabel("Quantization").selectOption("gptq");
  const checkpoint = instance.locator('[data-code="quant.checkpoint-not-quantized"]');
  await expect(checkpoint.getByRole("button")).toHaveText([
    "Use Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
    "Keep Qwen/Qwen2.5-7B-Instruct, remove --quantization",
  ]);
  await checkpoint.getByRole("button", { name: "Apply fix: Use Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4" }).click();
  await expect(instance.getByRole("combobox", { name: "Model" })).toHaveValue("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4");
  await expect(checkpoint).toHaveCount(0);
});

test("a pasted command that shards over fewer GPUs than selected says why, and offers the whole selection", async ({
  as,
}) => {
  const page = await as("operator");
  await page.goto("/layouts/new");
  await addHost(page);
  await dragSelect(page, "host-a", 0, 3);
  await paste(page, "vllm serve Qwen/Qwen2.5-7B-Instruct --tensor-parallel-size 2 --max-model-len 8192");
  const instance = page.getByRole("region", { name: `Instance ${ID}` });
  const warning = instance.locator('[data-code="paste.selection-size"]');
  await expect(warning).toContainText(
    'The command shards over 2 GPUs (--tensor-parallel-size 2) but 4 were selected: it was placed on GPUs 0, 1 of "host-a".',
  );
  await expect(cell(page, "host-a", 2)).toHaveAccessibleName(/free/);
  await warning.getByRole("button", { name: "Apply fix: Use the 4 selected GPUs (--tensor-parallel-size 4)" }).click();
  await expect(instance.getByLabel("Tensor parallel (GPUs)")).toHaveValue("4");
  await expect(cell(page, "host-a", 3)).toHaveAccessibleName(/qwen2\.5-7b-instruct 4 of 4/);
  await expect(warning).toHaveCount(0);
});
