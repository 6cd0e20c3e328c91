import { expect, test } from "@playwright/test";
import { pageAs } from "../auth/helpers";
import { seedFleet, type Seeded } from "../auth/seed";
import { adminCookie, api, callAction } from "./http";
import { ensureUser, person } from "./people";

/** Issue 15, item 15: rename, duplicate, archive and restore a saved layout (revisions stay, each step audited). */

test.describe.configure({ mode: "serial" });
let fleet: Seeded;
let suffix = "";

test.beforeAll(() => {
  suffix = Date.now().toString(36);
  fleet = seedFleet(`acts-${suffix}`);
});

test("rename is a new revision; duplicate makes the caller's own copy", async ({ page }) => {
  await page.goto(`/layouts/${fleet.layoutIds.a}`);
  await page.getByRole("button", { name: "Rename" }).click();
  const form = page.getByRole("form", { name: "Rename the layout" });
  await form.getByLabel("New name").fill(`renamed-${suffix}`);
  await form.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`renamed-${suffix}`);
  await expect(
    page.getByText(`Revision 2: Renamed from "plan-a-acts-${suffix}" to "renamed-${suffix}"`).first(),
  ).toBeVisible();

  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Copy of renamed-${suffix}`);
  expect(page.url()).not.toContain(fleet.layoutIds.a!);
  await expect(page.getByText(`Revision 1: Duplicated from "renamed-${suffix}" revision 2`)).toBeVisible();
});

test("archive hides a layout from the list and keeps its revisions; restore brings it back", async ({ page }) => {
  await page.goto(`/layouts/${fleet.layoutIds.b}`);
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This layout is archived" })).toBeVisible();
  await page.goto("/layouts");
  await expect(page.getByRole("link", { name: `plan-b-acts-${suffix}` })).toHaveCount(0);
  await page.getByRole("link", { name: "Archived layouts" }).click();
  await page.getByRole("link", { name: `plan-b-acts-${suffix}` }).click();
  expect(
    (await api("GET", `/api/v1/layouts/${fleet.layoutIds.b}/revisions`, { cookie: adminCookie() })).json.items,
  ).toHaveLength(1);
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This layout is archived" })).toHaveCount(0);
  await page.goto("/audit?action=layout.archive");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText(`plan-b-acts-${suffix}`);
});

test("a layout whose instances run cannot be archived; another team's operator may only duplicate it", async ({
  browser,
}) => {
  const applied = await callAction(
    "lib/actions/instances/apply-revision.ts",
    { revisionId: fleet.revisions.b },
    { cookie: adminCookie(), page: "/instances" },
  );
  expect(applied.result?.ok).toBe(true);
  const refused = await api("POST", `/api/v1/layouts/${fleet.layoutIds.b}/archive`, { cookie: adminCookie() });
  expect(refused.status).toBe(409);
  expect(refused.json.error).toMatch(/stop them/);

  const op = person("acts-op-a");
  await ensureUser(op, "operator", ["team=a"]);
  const page = await pageAs(browser, op.username, op.password);
  await page.goto(`/layouts/${fleet.layoutIds.b}`);
  await expect(page.getByRole("button", { name: "Duplicate" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
  await page.context().close();
});
