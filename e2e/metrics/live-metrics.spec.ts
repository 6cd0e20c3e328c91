import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN_STATE, BASE_URL } from "../../playwright.config";
import { watchConsoleErrors } from "../console-errors";
import { type SimFleet, sendLoad, startSimFleet } from "./sim-fleet";

/**
 * The Metrics page on the real server with real simulator processes (vLLM, gpu-exporter) and Debian's
 * node_exporter, scraped by the embedded scraper every 5 s. Serial: the tests share one simulated host.
 */
test.describe.configure({ mode: "serial" });

let fleet: SimFleet;

test.beforeAll(async () => {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: ADMIN_STATE });
  fleet = await startSimFleet(api, `live-${Date.now().toString(36)}`);
  await api.dispose();
});

test.afterAll(async () => {
  await fleet?.dispose();
});

const lastOf = async (chart: import("@playwright/test").Locator) =>
  Number((await chart.getAttribute("data-last")) || "0");

test("charts render live data that moves under a test load", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsoleErrors(page);
  const a = fleet.instanceIds["qwen-a"];
  await page.goto(`/metrics?view=instances&instance=${a}&range=5m`);
  await expect(page.getByTestId("metrics-mode")).toContainText("embedded scraper, every 5 s");
  const running = page.getByTestId("chart-instance-requests");
  const tokens = page.getByTestId("chart-instance-tokens");
  const kv = page.getByTestId("chart-instance-kv");
  // scraped at least twice: the charts have points (the engine idles: nothing runs, KV cache empty)
  await expect(kv).toHaveAttribute("data-points", /^[1-9]\d*$/, { timeout: 30_000 });
  expect(await lastOf(kv)).toBe(0);
  const load = sendLoad(fleet.engines["qwen-a"].url, 25);
  // under load: requests run, tokens flow, the KV cache fills; the lines move
  await expect.poll(() => lastOf(running), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => lastOf(tokens), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => lastOf(kv), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="chart-instance-tokens"] .recharts-line-curve').first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/metrics-instance-under-load.png", fullPage: true });
  // the fleet overview adds it up
  await page.getByRole("tab", { name: "Fleet" }).click();
  await expect(page).not.toHaveURL(/view=/);
  await expect
    .poll(async () => Number((await page.getByTestId("stat-tokens-value").textContent())?.replace(/,/g, "")), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId("stat-instances")).toContainText("2 running");
  await load;
  expect(errors).toEqual([]);
});

test("GPU tiles chart memory against the plan and the VRAM ceiling; hosts chart node_exporter", async ({ page }) => {
  await page.goto(`/metrics?view=gpus&host=${fleet.hostId}&range=5m`);
  const tile = page.getByTestId("gpu-tile-0");
  await expect(tile.getByTestId("chart-gpu-memory-0")).toHaveAttribute("data-points", /^[1-9]\d*$/, {
    timeout: 30_000,
  });
  // vLLM fills gpu_memory_utilization (0.9) of the card plus context and CUDA graphs: over the seed's 90 % ceiling
  await expect(tile).toHaveAttribute("data-danger", "true");
  await expect(tile).toContainText("over the 90 % ceiling");
  await expect(tile.getByText("planned weights + overhead")).toBeVisible();
  await expect(tile.getByText("planned + KV cache")).toBeVisible();
  await expect(tile.getByText("VRAM ≤ 90 %")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/metrics-gpus.png", fullPage: true });
  await page.goto(`/metrics?view=hosts&host=${fleet.hostId}&range=5m`);
  await expect(page.getByTestId("chart-host-memory")).toHaveAttribute("data-points", /^[1-9]\d*$/, { timeout: 30_000 });
  await expect.poll(() => lastOf(page.getByTestId("chart-host-memory"))).toBeGreaterThan(0);
});

test("a target turned off shows down, then up again", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/metrics?view=targets");
  const row = page.locator(`[data-testid="target-row"][data-target="gpu-exporter/${fleet.hostId}"]`);
  await expect(row).toHaveAttribute("data-health", "up", { timeout: 20_000 });
  await expect(page.locator(`[data-target="instance/${fleet.instanceIds["qwen-a"]}/0"]`)).toHaveAttribute(
    "data-health",
    "up",
  );
  await fleet.exporter.stop();
  await expect(row).toHaveAttribute("data-health", "down", { timeout: 20_000 });
  await expect(row).toContainText(/ECONNREFUSED|refused/);
  // the GPU charts say which target is missing, since when
  await page.goto(`/metrics?view=gpus&host=${fleet.hostId}&range=5m`);
  await expect(page.getByTestId("metrics-down-targets")).toContainText(`${fleet.hostName} GPU exporter is down since`);
  await fleet.restartExporter();
  await page.goto("/metrics?view=targets");
  await expect(row).toHaveAttribute("data-health", "up", { timeout: 20_000 });
});

test("the predicted-vs-actual table shows numbers with errors, and exports them", async ({ page }) => {
  await page.goto("/metrics?view=predicted");
  const a = page.getByRole("region", { name: `Predicted vs actual: ${fleet.layoutName} / qwen-a` });
  await expect(a).toBeVisible({ timeout: 20_000 });
  await expect(a).toContainText("simulated");
  const kv = a.locator('tr[data-term="availableKv"]');
  await expect(kv.getByTestId("error-percent")).toHaveText(/^[+-]?\d+\.\d %$/);
  await expect(kv).toContainText("start-up log");
  await expect(a.locator('tr[data-term="kvBlocks"]')).toContainText("cache_config_info");
  await expect(a.locator('tr[data-term="gpuMemoryUsed"]').getByTestId("error-percent")).toHaveText(/%/);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const file = await (await download).path();
  const doc = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(file!, "utf8")));
  expect(doc).toMatchObject({ format: "fleetdeck.predicted-vs-actual", version: 1 });
  expect(doc.instances.map((i: { instanceKey: string }) => i.instanceKey).sort()).toEqual(["qwen-a", "qwen-b"]);
});

test("a load test runs from the page, its results appear, and two runs compare side by side", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/metrics?view=load&instance=${fleet.instanceIds["qwen-a"]}`);
  for (const [key, label] of [
    ["qwen-a", "2×2 a"],
    ["qwen-b", "2×2 b"],
  ] as const) {
    // the picker keeps the rest of the URL (the runs ticked for comparison)
    await page.getByLabel("Instance", { exact: true }).selectOption(fleet.instanceIds[key]);
    const form = page.getByRole("form", { name: "Send test load" });
    // The picker navigates: fill the form once it is the chosen instance's, not the one it replaces.
    await expect(form.getByRole("heading", { name: `Send test load to ${key}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: `Runs of ${key}` })).toBeVisible();
    await form.getByLabel("Concurrency").fill("4");
    await form.getByLabel("Output tokens").fill("48");
    await form.getByLabel("Stop after").selectOption("requests");
    await form.getByLabel("Requests", { exact: true }).fill("16");
    await form.getByLabel("Label (for comparing)").fill(label);
    await form.getByRole("button", { name: "Send test load" }).click();
    const run = page.getByTestId("load-test-run").filter({ hasText: label });
    await expect(run).toBeVisible({ timeout: 30_000 });
    await expect(run).toHaveAttribute("data-status", "finished", { timeout: 60_000 });
    await expect
      .poll(async () => Number((await run.getByTestId("result-tps").textContent())?.replace(/,/g, "")))
      .toBeGreaterThan(0);
    await expect(run).toContainText("0 of 16");
    await run.getByRole("checkbox").check();
  }
  await expect(page).toHaveURL(/compare=/);
  const compare = page.getByRole("table", { name: "Compared runs" });
  await expect(compare.getByRole("columnheader", { name: "2×2 a" })).toBeVisible();
  await expect(compare.getByRole("columnheader", { name: "2×2 b" })).toBeVisible();
  await expect(page.getByTestId("load-test-compare-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/metrics-load-tests.png", fullPage: true });
  // the URL carries the comparison: a fresh page shows the same
  await page.reload();
  await expect(
    page.getByRole("table", { name: "Compared runs" }).getByRole("columnheader", { name: "2×2 b" }),
  ).toBeVisible();
});

test("the designer's grid shows what each GPU holds under the plan", async ({ page }) => {
  await page.goto(`/layouts/${fleet.layoutId}`);
  const observed = page.locator(`[data-host="${fleet.hostName}"][data-gpu="0"]`).getByTestId("observed-memory");
  await expect(observed).toBeVisible({ timeout: 20_000 });
  expect(Number(await observed.getAttribute("data-used-bytes"))).toBeGreaterThan(20 * 2 ** 30);
  await expect(observed).toContainText("of plan");
});

test("the series answer API tokens, and Prometheus service discovery lists the targets", async ({ page }) => {
  const { createToken } = await import("../auth/helpers");
  const token = await createToken(page, "metrics-e2e", ["read"]);
  const api = await playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const a = fleet.instanceIds["qwen-a"];
  const res = await api.get(`/api/v1/instances/${a}/metrics?series=instance.kv_cache.usage,instance.itl.p99&range=5m`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.results[0]).toMatchObject({
    status: "ok",
    series: "instance.kv_cache.usage",
    data: [{ labels: { fleetdeck_instance: a } }],
  });
  const sd = await (await api.get("/api/prometheus/sd")).json();
  expect(sd).toContainEqual(
    expect.objectContaining({
      targets: [new URL(fleet.engines["qwen-a"].url).host],
      labels: expect.objectContaining({ fleetdeck_instance: a, fleetdeck_kind: "vllm", __metrics_path__: "/metrics" }),
    }),
  );
  const openapi = await (await api.get("/api/v1/openapi.json")).json();
  expect(openapi.paths["/api/v1/instances/{instanceId}/metrics"].get.summary).toContain("named series");
  await api.dispose();
});
