import { expect, request as playwrightRequest, test } from "@playwright/test";
import { VIEWER } from "../auth/accounts";
import { addUser, pageAs } from "../auth/helpers";
import { SIM_IMAGE_HOOK_TIMEOUT_MS } from "../../lib/runtime/testing/docker-test-hosts";
import { ADMIN_STATE, BASE_URL } from "../../playwright.config";
import { type RuntimeSeed, seedRuntime, stopSeededLayout } from "./seed-runtime";

/**
 * The whole flow in Chromium against the real server, its reconciler and the harness's two dockerds running the
 * simulator image: apply the seed's 2×2 INT4 layout, watch both replicas go healthy, open the logs, ask the model,
 * stop one, scale the other onto the second host. A viewer sees the states, not the logs.
 */
test.describe.configure({ mode: "serial" });

let seed: RuntimeSeed;
const row = (page: import("@playwright/test").Page, key: string, replica = 0) =>
  page.locator(`tr[data-instance="${key}"][data-replica="${replica}"]`);

test.beforeAll(async () => {
  test.setTimeout(SIM_IMAGE_HOOK_TIMEOUT_MS);
  seed = await seedRuntime("e2e");
});

test.afterAll(async () => {
  if (!seed) return;
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: ADMIN_STATE });
  await stopSeededLayout(api, seed);
  await api.dispose();
});

test("apply the seed's 2×2 layout and watch both replicas come up healthy", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/instances");
  const form = page.getByRole("form", { name: "Apply a layout revision" });
  await form.getByLabel("Revision").selectOption({ label: `${seed.layoutName} — revision 1 (seeded)` });
  await form.getByRole("button", { name: "Show the plan" }).click();
  await expect(form.getByRole("region", { name: "Start" })).toContainText("Start (2)");
  await form.getByRole("button", { name: "Apply revision 1" }).click();
  await expect(form.getByRole("status")).toContainText(
    "Applied revision 1: qwen7b-int4-1 on sim-node-1-e2e, qwen7b-int4-2 on sim-node-1-e2e.",
  );
  for (const key of ["qwen7b-int4-1", "qwen7b-int4-2"]) {
    // The page polls: no reload between "pending" and "healthy".
    await expect(row(page, key).locator("[data-state]")).toHaveAttribute("data-state", "healthy", { timeout: 60_000 });
    await expect(row(page, key)).toContainText("http://127.0.0.1:");
  }
  await page.screenshot({ path: "e2e/artifacts/instances-healthy.png", fullPage: true });
});

test("the instance page streams the logs, shows the docker run and answers a chat message", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/instances");
  await row(page, "qwen7b-int4-1").getByRole("link", { name: "qwen7b-int4-1" }).click();
  await expect(page.getByRole("heading", { name: "qwen7b-int4-1" })).toBeVisible();
  const logs = page.getByTestId("log-lines");
  await expect(logs).toContainText("Application startup complete", { timeout: 20_000 });
  await page.getByLabel("Search the log").fill("KV cache size");
  await expect(logs).toContainText("GPU KV cache size");
  await expect(logs).not.toContainText("Application startup complete");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("status").filter({ hasText: "paused" })).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  expect((await download).suggestedFilename()).toBe("qwen7b-int4-1-replica-0.log");
  await expect(page.getByTestId("docker-run-0")).toContainText("--gpu-memory-utilization 0.85");
  await expect(page.getByTestId("docker-run-0")).toContainText("-e NVIDIA_VISIBLE_DEVICES=0,1");
  await expect(page.getByRole("list", { name: "State history" })).toContainText("healthy");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status", { name: "Answer" }).or(page.getByLabel("Answer"))).not.toBeEmpty({
    timeout: 30_000,
  });
  await page.screenshot({ path: "e2e/artifacts/instance-page.png", fullPage: true });
});

test("stop one, then scale the other onto the second host", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/instances");
  await page.getByRole("button", { name: "Stop qwen7b-int4-2" }).click();
  await expect(row(page, "qwen7b-int4-2").locator("[data-state]")).toHaveAttribute("data-state", "stopped", {
    timeout: 30_000,
  });
  await expect(row(page, "qwen7b-int4-1").locator("[data-state]")).toHaveAttribute("data-state", "healthy");
  await page.getByLabel("Replicas of qwen7b-int4-1").fill("2");
  await page.getByRole("form", { name: "Scale qwen7b-int4-1" }).getByRole("button", { name: "Scale" }).click();
  await expect(row(page, "qwen7b-int4-1", 1)).toContainText("sim-node-2-e2e", { timeout: 15_000 });
  await expect(row(page, "qwen7b-int4-1", 1).locator("[data-state]")).toHaveAttribute("data-state", "healthy", {
    timeout: 60_000,
  });
  await page.getByLabel("Replicas of qwen7b-int4-1").fill("5");
  await page.getByRole("form", { name: "Scale qwen7b-int4-1" }).getByRole("button", { name: "Scale" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Cannot scale qwen7b-int4-1 to 5: no room for replica" }),
  ).toBeVisible();
  await page.goto("/fleet");
  await expect(page.locator(`[data-gpu="sim-node-2-e2e/0"]`)).toContainText("qwen7b-int4-1 #1");
  await page.screenshot({ path: "e2e/artifacts/fleet-grid.png", fullPage: true });
});

test("a viewer sees the states but not the logs, and no controls", async ({ page, browser }) => {
  await page.goto("/settings");
  const exists = await page.getByRole("table", { name: "Users" }).getByText(VIEWER.email, { exact: true }).count();
  if (exists === 0) await addUser(page, VIEWER, "viewer");
  const viewer = await pageAs(browser, VIEWER.username, VIEWER.password);
  await viewer.goto("/instances");
  await expect(row(viewer, "qwen7b-int4-1").locator("[data-state]")).toHaveAttribute("data-state", "healthy");
  await expect(viewer.getByRole("button", { name: /^(Stop|Start|Restart) qwen7b/ })).toHaveCount(0);
  await row(viewer, "qwen7b-int4-1").getByRole("link", { name: "qwen7b-int4-1" }).click();
  await expect(viewer.getByRole("heading", { name: "Replicas" })).toBeVisible();
  await expect(viewer.getByRole("heading", { name: "Logs" })).toHaveCount(0);
  await expect(viewer.getByText("Logs can hold prompts")).toBeVisible();
  await expect(viewer.getByRole("heading", { name: "Try it" })).toHaveCount(0);
  const logs = await viewer.request.get(
    `${new URL(viewer.url()).pathname.replace("/instances/", "/api/v1/instances/")}/logs?follow=0`,
  );
  expect(logs.status()).toBe(403);
});
