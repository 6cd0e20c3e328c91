import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { encodeLayout } from "../../lib/layout/codec";
import { findTemplate } from "../../lib/layout/templates";
import { type Layout, layoutSchema } from "../../lib/vocabulary/layout-schema";
import { ADMIN } from "../auth/accounts";
import { expect, test } from "./fixtures";

/** Issue 15 item 1: a share link works signed out, survives sign-in, and its layout never reaches the server. */
test.describe.configure({ mode: "serial" });

const SEED_2X2 = findTemplate("qwen2.5-7b-4090d-2x2-int4")!.layout;
const linkOf = (layout: Layout) => `/layouts/share#l=${encodeLayout(layout)}`;

/** Every request the page makes, to prove the layout's token never travels to the server. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

async function requireSignIn(page: Page, on: boolean) {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Designer settings" });
  await form.getByLabel("Share links need sign-in").setChecked(on);
  await form.getByRole("button", { name: "Save designer settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
}

test("signed out, a share link shows the grid read-only with 'Sign in to save a copy', and no server data", async ({
  as,
}) => {
  const page = await as("signed-out");
  const requests = watchRequests(page);
  const token = encodeLayout(SEED_2X2);
  await page.goto(linkOf(SEED_2X2));
  await expect(page).toHaveURL(/\/layouts\/share#l=/);
  await expect(page.getByRole("grid", { name: "GPU layout" }).getByRole("gridcell")).toHaveCount(4);
  await expect(page.getByRole("note", { name: "Read-only" })).toHaveText(
    "A shared layout is read-only: it lives in the link. Sign in to save a copy.",
  );
  await expect(page.getByRole("link", { name: "Sign in to save a copy" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save a copy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add host" })).toHaveCount(0);
  // No console chrome: no navigation, no user menu.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
  expect(requests.some((url) => url.includes(token.slice(2, 40)))).toBe(false);

  // Sign in from the link: the fragment rides along and the person lands on the same layout, now with Save a copy.
  await page.getByRole("link", { name: "Sign in to save a copy" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Flayouts%2Fshare#l=1\./);
  await page.getByLabel("Email or username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/layouts/share#l=${token.replace(/[.]/g, "\\.")}$`));
  await expect(page.getByRole("grid", { name: "GPU layout" }).getByRole("gridcell")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "Save a copy" })).toBeVisible();
  expect(requests.some((url) => url.includes(token.slice(2, 40)))).toBe(false);
});

test("a viewer opens a share link read-only without Save a copy (they may not create layouts)", async ({ as }) => {
  const page = await as("viewer");
  await page.goto(linkOf(SEED_2X2));
  await expect(page.getByRole("grid", { name: "GPU layout" }).getByRole("gridcell")).toHaveCount(4);
  await expect(page.getByRole("note", { name: "Read-only" })).toHaveText(
    "A shared layout is read-only: it lives in the link.",
  );
  await expect(page.getByRole("button", { name: "Save a copy" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in to save a copy" })).toHaveCount(0);
});

test("when an admin requires sign-in, the link goes through sign-in and comes back whole", async ({ page, as }) => {
  await requireSignIn(page, true);
  try {
    const visitor = await as("signed-out");
    const link = linkOf(SEED_2X2);
    await visitor.goto(link);
    await expect(visitor).toHaveURL(/\/sign-in\?next=%2Flayouts%2Fshare#l=1\./);
    await expect(visitor.getByRole("grid")).toHaveCount(0);
    await visitor.getByLabel("Email or username").fill(ADMIN.username);
    await visitor.getByLabel("Password").fill(ADMIN.password);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await expect(visitor).toHaveURL(new RegExp(`${link.replace(/[.?]/g, "\\$&")}$`));
    await expect(visitor.getByRole("grid", { name: "GPU layout" }).getByRole("gridcell")).toHaveCount(4);
  } finally {
    await requireSignIn(page, false);
  }
});

test("the layout lives in the fragment only: a 20,000-character link opens, its ?l= form is refused", async ({
  as,
  request,
}) => {
  // Names nobody can compress: the token grows past what the server accepts in a request line.
  const instances = Array.from({ length: 160 }, (_, k) => ({
    id: `i-${k}`,
    name: randomBytes(90).toString("base64url").slice(0, 120),
    engine: "vllm",
    model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
  }));
  const big = layoutSchema.parse({ name: "long link", hosts: SEED_2X2.hosts, instances });
  const token = encodeLayout(big);
  expect(token.length).toBeGreaterThan(20_000);
  // What the old ?l= form did: the server refuses a request line this long before any page runs.
  const viaQuery = await request.get(`/layouts/share?l=${token}`, { failOnStatusCode: false });
  expect(viaQuery.status()).toBe(431);

  const page = await as("signed-out");
  const requests = watchRequests(page);
  await page.goto(`/layouts/share#l=${token}`);
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("160");
  expect(requests.every((url) => url.length < 2_000)).toBe(true);

  // A short ?l= link is not read (it reached the server): the page says what to ask for instead.
  await page.goto(`/layouts/share?l=${encodeLayout(SEED_2X2)}`);
  await expect(page.getByRole("alert").filter({ hasText: "cannot be opened" })).toContainText(
    "fleetdeck no longer reads",
  );
  await expect(page.getByRole("grid")).toHaveCount(0);
});
