import { expect, type Page, test } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { ADMIN } from "../auth/accounts";
import { seedFleet, seedRevision, type Seeded } from "../auth/seed";

/**
 * The Instances page applies a revision in two steps, like the designer's "Apply…": the plan for the chosen revision
 * against what runs for its layout now, then a confirm that applies it with the deployment version the plan was made
 * against. A plan made stale by an apply from elsewhere is refused with who applied what; nothing to apply (an empty
 * plan, an archived layout) keeps the confirm button disabled with a sentence saying why.
 */
test.describe.configure({ mode: "serial" });

let fleet: Seeded;
let idle: Seeded;
let suffix = "";

test.beforeAll(() => {
  suffix = Date.now().toString(36);
  fleet = seedFleet(`plan-${suffix}`);
  idle = seedFleet(`idle-${suffix}`);
});

test.afterAll(async ({ browser }) => {
  // Leave nothing meant to run on the seeded hosts (their endpoint answers nowhere).
  const page = await browser.newPage();
  for (const id of Object.values(fleet.layoutIds))
    await page.request.post(`/api/v1/layouts/${id}/stop`, { headers: { origin: BASE_URL } });
  await page.close();
});

async function showPlan(page: Page, label: string) {
  await page.goto("/instances");
  const form = page.getByRole("form", { name: "Apply a layout revision" });
  await form.getByLabel("Revision").selectOption({ label });
  await form.getByRole("button", { name: "Show the plan" }).click();
  return form;
}

test("pick a revision: the plan lists the instance to start; confirm applies it", async ({ page }) => {
  const form = await showPlan(page, `${fleet.layouts.a} — revision 1 (seeded)`);
  const plan = form.getByRole("region", { name: `Plan for revision 1 of ${fleet.layouts.a}` });
  await expect(plan).toContainText("Compared with the 0 instances running for this layout now (never applied yet)");
  await expect(plan.getByRole("region", { name: "Start" })).toContainText("Start (1)");
  await expect(plan.getByRole("region", { name: "Start" })).toContainText("qwen-a: new in the layout");
  await expect(plan.getByRole("region", { name: "Stop" })).toHaveCount(0);
  await form.screenshot({ path: "e2e/artifacts/instances-apply-plan.png" });
  // Nothing is applied before the confirm.
  const rows = page.getByRole("row").filter({ hasText: fleet.layouts.a! });
  await expect(rows).toHaveCount(0);
  await plan.getByRole("button", { name: "Apply revision 1" }).click();
  await expect(plan.getByRole("status")).toContainText(`Applied revision 1: qwen-a on gpu-a-plan-${suffix}.`);
  await expect(plan.getByRole("button", { name: "Apply revision 1" })).toHaveCount(0);
  await expect(rows.first()).toContainText("qwen-a");
  await expect(rows.first()).toContainText("running");
  // Planned again, the same revision keeps what now runs, against the version the apply made.
  await form.getByRole("button", { name: "Show the plan" }).click();
  await expect(plan.getByRole("region", { name: "Keep running" })).toContainText("qwen-a: unchanged");
  await expect(plan).toContainText(`revision 1 applied by ${ADMIN.username} at`);
  await expect(plan).toContainText("version 1)");
});

test("an apply from elsewhere after the plan was shown: confirm is refused with who applied what", async ({ page }) => {
  const form = await showPlan(page, `${fleet.layouts.b} — revision 1 (seeded)`);
  const plan = form.getByRole("region", { name: `Plan for revision 1 of ${fleet.layouts.b}` });
  await expect(plan.getByRole("region", { name: "Start" })).toContainText("qwen-b: new in the layout");
  const elsewhere = await page.request.post(`/api/v1/revisions/${fleet.revisions.b}/apply`, {
    headers: { origin: BASE_URL },
  });
  expect(elsewhere.status()).toBe(200);
  await plan.getByRole("button", { name: "Apply revision 1" }).click();
  await expect(plan.getByRole("alert")).toContainText(
    new RegExp(`revision 1 was applied by ${ADMIN.username} at .* UTC \\(version 1\\); review the plan again`),
  );
  await expect(plan.getByRole("status")).toHaveCount(0);
  // Reviewed again: the plan is made against what the other apply left, and applies.
  await plan.getByRole("button", { name: "Review the plan again" }).click();
  await expect(plan.getByRole("region", { name: "Keep running" })).toContainText("qwen-b: unchanged");
  await expect(plan.getByRole("alert")).toHaveCount(0);
  await plan.getByRole("button", { name: "Apply revision 1" }).click();
  await expect(plan.getByRole("status")).toContainText(`Applied revision 1: qwen-b on gpu-b-plan-${suffix}.`);
});

test("nothing to apply: an empty plan or an archived layout keeps the confirm button disabled, saying why", async ({
  page,
}) => {
  seedRevision(idle.layoutIds.a!, 2, JSON.stringify({ schemaVersion: 1, name: "empty", hosts: [], instances: [] }));
  let form = await showPlan(page, `${idle.layouts.a} — revision 2 (seeded)`);
  let plan = form.getByRole("region", { name: `Plan for revision 2 of ${idle.layouts.a}` });
  await expect(plan.getByRole("note")).toHaveText(
    "Nothing to apply: the layout has no instances and nothing runs for it.",
  );
  await expect(plan.getByRole("button", { name: "Apply revision 2" })).toBeDisabled();

  const archived = await page.request.post(`/api/v1/layouts/${idle.layoutIds.b}/archive`, {
    headers: { origin: BASE_URL },
  });
  expect(archived.status()).toBe(200);
  form = await showPlan(page, `${idle.layouts.b} — revision 1 (seeded)`);
  plan = form.getByRole("region", { name: `Plan for revision 1 of ${idle.layouts.b}` });
  await expect(plan.getByRole("region", { name: "Start" })).toContainText("qwen-b: new in the layout");
  await expect(plan.getByRole("note")).toHaveText(
    `Layout "${idle.layouts.b}" is archived: restore it on its page before applying a revision of it.`,
  );
  await expect(plan.getByRole("button", { name: "Apply revision 1" })).toBeDisabled();
});
