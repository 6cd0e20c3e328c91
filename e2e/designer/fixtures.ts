import { type Page, expect, test as base } from "@playwright/test";
import { watchConsoleErrors } from "../console-errors";

/**
 * Designer tests run signed in as the admin the `setup` project creates (playwright.config.ts: storageState),
 * on a wide screen so a 4-GPU row and the side panel fit, and fail on console errors.
 */
export const test = base.extend<{ errors: string[] }>({
  viewport: { width: 1600, height: 1000 },
  errors: [
    async ({ page }, use) => {
      const errors = watchConsoleErrors(page);
      await use(errors);
      expect(errors.filter((e) => !/Failed to load resource|favicon/.test(e))).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A grid cell by host and GPU index. */
export const cell = (page: Page, host: string, gpu: number) =>
  page.locator(`[role="gridcell"][data-host="${host}"][data-gpu="${gpu}"]`);

/** Adds a planned host through the dialog (defaults: 4× RTX 4090D 24GB, 64 GiB, 16 cores). */
export async function addHost(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Add host" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a planned host" });
  await dialog.getByRole("button", { name: /^Add 4×/ }).click();
  await expect(dialog).toBeHidden();
}

/** Picks a catalog model in the open "New instance" panel. */
export async function pickModel(page: Page, query: string, optionName: RegExp): Promise<void> {
  const panel = page.getByRole("region", { name: "New instance" });
  const box = panel.getByRole("combobox", { name: "Model" });
  await box.fill(query);
  await panel.getByRole("option", { name: optionName }).first().click();
}

export const SEED_TGI_COMMAND = `docker run --gpus all \\
  -p 8080:80 \\
  --memory="32g" \\
  --cpus="8" \\
  -e HUGGING_FACE_HUB_TOKEN="your_token" \\
  ghcr.io/huggingface/text-generation-inference:latest \\
  --model-id Qwen/Qwen2.5-7B-Instruct \\
  --max-input-length 32768 \\
  --max-total-tokens 131072 \\
  --quantize gptq_int4 \\
  --tensor-parallel-size 4`;
