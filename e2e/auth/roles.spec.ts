import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { OPERATOR, VIEWER } from "./accounts";
import { addUser, createToken, pageAs } from "./helpers";
import { seedFleet, type Seeded } from "./seed";

test.describe.configure({ mode: "serial" });

let fleet: Seeded;
let applyActionId = "";

test.beforeAll(() => {
  fleet = seedFleet("roles");
});

test("the admin adds an operator granted team=a and a viewer", async ({ page }) => {
  await addUser(page, OPERATOR, "operator");
  await addUser(page, VIEWER, "viewer");
  const row = page.getByRole("row").filter({ hasText: OPERATOR.email });
  await row.getByLabel(`New host grant for ${OPERATOR.username}`).fill("team=a=b");
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(row.getByRole("alert")).toContainText('use "*" (every host) or key=value pairs');
  await row.getByLabel(`New host grant for ${OPERATOR.username}`).fill(OPERATOR.grant);
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(
    row.getByRole("button", { name: `Remove grant ${OPERATOR.grant} from ${OPERATOR.username}` }),
  ).toBeVisible();
});

async function applyInUi(page: Page, layoutName: string) {
  await page.goto("/instances");
  const form = page.getByRole("form", { name: "Apply a layout revision" });
  await form.getByLabel("Revision").selectOption({ label: `${layoutName} — revision 1 (seeded)` });
  // Two steps: the plan against what runs now, then the confirm button.
  await form.getByRole("button", { name: "Show the plan" }).click();
  await expect(form.getByRole("region", { name: "Start" })).toContainText("Start (1)");
  await form.getByRole("button", { name: "Apply revision 1" }).click();
  return form;
}

test("an operator applies on a permitted host and is refused on another (UI and API)", async ({ browser }) => {
  const page = await pageAs(browser, OPERATOR.username, OPERATOR.password);
  page.on("request", (r) => {
    const id = r.headers()["next-action"];
    // The apply itself (it sends the plan's expectedVersion), not the read that loads the plan.
    if (id && r.method() === "POST" && (r.postData() ?? "").includes("expectedVersion")) applyActionId = id;
  });
  const ok = await applyInUi(page, fleet.layouts.a!);
  await expect(ok.getByRole("status")).toContainText(`Applied revision 1: qwen-a on gpu-a-roles`);
  await expect(
    page.getByRole("table", { name: "Instances" }).getByRole("row").filter({ hasText: "qwen-a" }),
  ).toContainText("running");
  const refused = await applyInUi(page, fleet.layouts.b!);
  await expect(refused.locator("[role=alert]")).toContainText("your host grants (team=a) don't match it");
  await expect(page.getByRole("table", { name: "Instances" })).not.toContainText("qwen-b");
  expect(applyActionId).not.toBe("");
  // The same action posted from another site is refused by the server actions' origin check.
  const crossSite = await page.request.post("/instances", {
    headers: {
      "next-action": applyActionId,
      "content-type": "text/plain;charset=UTF-8",
      origin: "https://evil.example",
    },
    data: JSON.stringify([{ revisionId: fleet.revisions.a }]),
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(await crossSite.text()).not.toContain("qwen-a");

  const token = await createToken(page, "ci-apply", ["read", "instances:operate"]);
  const api = page.request;
  const auth = { authorization: `Bearer ${token}` };
  const denied = await api.post(`/api/v1/revisions/${fleet.revisions.b}/apply`, { headers: auth });
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error).toMatch(/host grants \(team=a\)/);
  const allowed = await api.post(`/api/v1/revisions/${fleet.revisions.a}/apply`, { headers: auth });
  expect(allowed.status()).toBe(200);
  expect((await allowed.json()).applied[0]).toMatchObject({ instanceKey: "qwen-a", hostName: "gpu-a-roles" });
  await page.context().close();
});

test("a viewer sees everything and can change nothing (UI and direct POST)", async ({ browser }) => {
  const page = await pageAs(browser, VIEWER.username, VIEWER.password);
  await expect(page.getByTestId("user-menu")).toContainText("Role: viewer");
  await page.goto("/instances");
  await expect(page.getByRole("table", { name: "Instances" })).toContainText("qwen-a");
  await expect(page.getByRole("form", { name: "Apply a layout revision" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Start|Stop) / })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText("layout.apply");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Secrets" })).toHaveCount(0);

  // The same server action the operator's button posted, replayed with the viewer's cookies.
  const replay = await page.request.post("/instances", {
    headers: {
      "next-action": applyActionId,
      "content-type": "text/plain;charset=UTF-8",
      origin: BASE_URL,
      accept: "text/x-component",
    },
    data: JSON.stringify([{ revisionId: fleet.revisions.a }]),
  });
  const body = await replay.text();
  expect(body).toContain("Your role is viewer (read-only)");
  expect(body).not.toContain('"ok":true');
  // And the REST API, with the viewer's session cookie.
  const rest = await page.request.post(`/api/v1/revisions/${fleet.revisions.a}/apply`, {
    headers: { origin: BASE_URL },
  });
  expect(rest.status()).toBe(403);
  const read = await page.request.get("/api/v1/instances");
  expect(read.status()).toBe(200);
  await page.context().close();
});

test("a revoked token stops working at once", async ({ browser }) => {
  const page = await pageAs(browser, OPERATOR.username, OPERATOR.password);
  const token = await createToken(page, "to-revoke", ["read"]);
  const auth = { authorization: `Bearer ${token}` };
  expect((await page.request.get("/api/v1/instances", { headers: auth })).status()).toBe(200);
  const write = await page.request.post(`/api/v1/revisions/${fleet.revisions.a}/apply`, { headers: auth });
  expect(write.status()).toBe(403);
  await page.getByRole("button", { name: "Revoke token to-revoke" }).click();
  await expect(page.getByRole("row").filter({ hasText: "to-revoke" })).toContainText("revoked");
  const after = await page.request.get("/api/v1/instances", { headers: auth });
  expect(after.status()).toBe(401);
  expect((await after.json()).error).toMatch(/not signed in/);
  await page.context().close();
});

test("the audit log shows each change with the right actor, filters, and exports CSV", async ({ page }) => {
  await page.goto("/audit");
  const table = page.getByRole("table", { name: "Audit events" });
  await expect(table.getByRole("row").filter({ hasText: "auth.first-admin" })).toContainText("root-admin");
  await expect(table.getByRole("row").filter({ hasText: "user.create" }).first()).toContainText("root-admin");
  await page.getByLabel("Who").fill(OPERATOR.username);
  await page.getByLabel("Action").selectOption("layout.apply");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/actor=op-a/);
  const applies = table.getByRole("row").filter({ hasText: "layout.apply" });
  const done = applies.filter({ has: page.getByRole("cell", { name: "done", exact: true }) });
  await expect(done).toHaveCount(2); // once in the browser, once with the token
  await expect(done.filter({ hasText: "(token fd_" })).toHaveCount(1);
  // Issue 15, item 11: the refused applies are there too (team b in the browser and with the token, and the
  // read-only token's attempt), with the layout by name.
  const refused = applies.filter({ has: page.getByRole("cell", { name: "refused", exact: true }) });
  await expect(refused).toHaveCount(3);
  await expect(done.first().getByRole("cell").nth(4)).toContainText(/layout plan-a-roles/);
  await expect(table).not.toContainText("root-admin");
  await page.getByLabel("Action").selectOption("token.revoke");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(table.getByRole("row").filter({ hasText: "token.revoke" })).toContainText("op-a");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe(
    "at,actorLabel,actorId,ip,action,outcome,targetType,targetId,targetLabel,before,after",
  );
  expect(csv).toContain("token.revoke");
  expect(csv).not.toContain("layout.apply");
  expect(csv).not.toMatch(/fd_[A-Za-z0-9_-]{43}/);
});
