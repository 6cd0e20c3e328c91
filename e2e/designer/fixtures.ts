import { mkdirSync } from "node:fs";
import { type Browser, type Page, expect, test as base } from "@playwright/test";
import { ADMIN_STATE } from "../../playwright.config";
import { addUser, signIn } from "../auth/helpers";
import { watchConsoleErrors } from "../console-errors";

/** The designer's own accounts (not e2e/auth's, which its specs create in the same database). */
export const DESIGNER_OPERATOR = {
  email: "designer-op@fleetdeck.test",
  username: "designer-op",
  password: "designer operator phrase 1",
  /** Hosts labelled team=designer (seeded by the apply spec) are theirs to apply to. */
  grant: "team=designer",
};
export const DESIGNER_VIEWER = {
  email: "designer-viewer@fleetdeck.test",
  username: "designer-viewer",
  password: "designer viewer phrase 1",
};
export type Role = "admin" | "operator" | "viewer" | "signed-out";

const VIEWPORT = { width: 1600, height: 1000 };
const STATE_DIR = ".test-env/storage";

/**
 * Creates the operator (with its host grant) and the viewer through Settings as the admin, and saves their sessions.
 * Idempotent: a worker that restarts after a failed test finds them made.
 */
async function createAccounts(browser: Browser): Promise<Record<"operator" | "viewer", string>> {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  await page.goto("/settings");
  const users = page.getByRole("table", { name: "Users" });
  await expect(users).toBeVisible();
  if ((await users.getByText(DESIGNER_OPERATOR.email, { exact: true }).count()) === 0)
    await addUser(page, DESIGNER_OPERATOR, "operator");
  if ((await users.getByText(DESIGNER_VIEWER.email, { exact: true }).count()) === 0)
    await addUser(page, DESIGNER_VIEWER, "viewer");
  const row = page.getByRole("row").filter({ hasText: DESIGNER_OPERATOR.email });
  const granted = row.getByRole("button", {
    name: `Remove grant ${DESIGNER_OPERATOR.grant} from ${DESIGNER_OPERATOR.username}`,
  });
  if ((await granted.count()) === 0) {
    await row.getByLabel(`New host grant for ${DESIGNER_OPERATOR.username}`).fill(DESIGNER_OPERATOR.grant);
    await row.getByRole("button", { name: "Grant", exact: true }).click();
    await expect(granted).toBeVisible();
  }
  await admin.close();
  mkdirSync(STATE_DIR, { recursive: true });
  const states = { operator: `${STATE_DIR}/designer-operator.json`, viewer: `${STATE_DIR}/designer-viewer.json` };
  for (const [role, account] of [
    ["operator", DESIGNER_OPERATOR],
    ["viewer", DESIGNER_VIEWER],
  ] as const) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await signIn(await context.newPage(), account.username, account.password);
    await context.storageState({ path: states[role] });
    await context.close();
  }
  return states;
}

/**
 * Designer tests run signed in as the admin the `setup` project creates (playwright.config.ts: storageState), on a wide
 * screen so a 4-GPU row and the side panel fit, and fail on console errors. `as(role)` opens a page as someone else
 * (the designer's operator and viewer are created once per run), with the same checks.
 */
export const test = base.extend<
  { errors: string[]; as: (role: Role, options?: { viewport?: { width: number; height: number } }) => Promise<Page> },
  { accounts: Record<"operator" | "viewer", string> }
>({
  viewport: VIEWPORT,
  errors: [
    async ({ page }, use) => {
      const errors = watchConsoleErrors(page);
      await use(errors);
      expect(errors.filter((e) => !/Failed to load resource|favicon/.test(e))).toEqual([]);
    },
    { auto: true },
  ],
  accounts: [async ({ browser }, use) => use(await createAccounts(browser)), { scope: "worker" }],
  as: async ({ browser, accounts, baseURL }, use) => {
    const opened: { page: Page; errors: string[] }[] = [];
    await use(async (role, options = {}) => {
      const storageState =
        role === "signed-out" ? { cookies: [], origins: [] } : role === "admin" ? ADMIN_STATE : accounts[role];
      const context = await browser.newContext({ storageState, baseURL, viewport: options.viewport ?? VIEWPORT });
      const page = await context.newPage();
      opened.push({ page, errors: watchConsoleErrors(page) });
      return page;
    });
    for (const { page, errors } of opened) {
      await page.context().close();
      expect(errors.filter((e) => !/Failed to load resource|favicon/.test(e))).toEqual([]);
    }
  },
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

/** Selects GPUs `from`..`to` of a host by dragging a rectangle across them. */
export async function dragSelect(page: Page, host: string, from: number, to: number): Promise<void> {
  const a = await cell(page, host, from).boundingBox();
  const b = await cell(page, host, to).boundingBox();
  if (!a || !b) throw new Error("cells have no box");
  await page.mouse.move(a.x + 15, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(b.x + 15, b.y + 10, { steps: 8 });
  await page.mouse.up();
}

export const INT4 = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
export const INT4_OPTION = /Qwen\/Qwen2\.5-7B-Instruct-GPTQ-Int4$/;

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
