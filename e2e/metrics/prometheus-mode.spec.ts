import { type ChildProcess, spawn } from "node:child_process";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN_STATE, BASE_URL, E2E_DATA_DIR, E2E_DB } from "../../playwright.config";
import { type RunningPrometheus, startPrometheusWithSd } from "../../lib/metrics/testing/prometheus-process";
import { freePort } from "../../lib/metrics/testing/sim-host";
import { createToken } from "../auth/helpers";
import { type SimFleet, sendLoad, startSimFleet } from "./sim-fleet";

/**
 * PROMETHEUS_URL mode: Debian's real Prometheus discovers the simulated engines and exporters through fleetdeck's
 * /api/prometheus/sd (with a read token) and scrapes them; a second fleetdeck server on the same database reads its
 * charts from that Prometheus. Both servers answer the same named series for the same instances and GPUs.
 */
test.describe.configure({ mode: "serial" });

let fleet: SimFleet;
let prometheus: RunningPrometheus;
let second: ChildProcess;
let secondUrl: string;
let token: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: ADMIN_STATE });
  fleet = await startSimFleet(api, `prom-${Date.now().toString(36)}`);
  await api.dispose();
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  token = await createToken(await context.newPage(), "prometheus-sd", ["read"]);
  await context.close();
  prometheus = await startPrometheusWithSd(`${BASE_URL}/api/prometheus/sd`, token, 1000);
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  second = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:./${E2E_DB}`,
        FLEETDECK_DATA_DIR: E2E_DATA_DIR,
        PROMETHEUS_URL: prometheus.url,
        LOG_LEVEL: "warn",
      } as NodeJS.ProcessEnv,
      stdio: "ignore",
    },
  );
  await expect
    .poll(async () => (await fetch(`${secondUrl}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
});

test.afterAll(async () => {
  second?.kill("SIGTERM");
  await prometheus?.close();
  await fleet?.dispose();
});

test("Prometheus scrapes what /api/prometheus/sd lists, and the Prometheus-mode server shows the same series", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // every target fleetdeck lists is up in Prometheus, with fleetdeck's labels
  await expect
    .poll(
      async () => {
        const r = await (await fetch(`${prometheus.url}/api/v1/targets?state=active`)).json();
        return (r.data.activeTargets as { health: string; labels: Record<string, string> }[])
          .filter((t) => t.health === "up")
          .map((t) => t.labels.fleetdeck_target)
          .sort();
      },
      { timeout: 60_000 },
    )
    .toEqual(
      [
        `gpu-exporter/${fleet.hostId}`,
        `instance/${fleet.instanceIds["qwen-a"]}/0`,
        `instance/${fleet.instanceIds["qwen-b"]}/0`,
        `node-exporter/${fleet.hostId}`,
      ].sort(),
    );
  const load = sendLoad(fleet.engines["qwen-a"].url, 15, 8);
  // this fleet's series (the embedded server still holds earlier tests' within the range)
  const ours = new Set([fleet.hostId, fleet.instanceIds["qwen-a"], fleet.instanceIds["qwen-b"]]);
  const ask = async (base: string) => {
    const res = await fetch(
      `${base}/api/metrics/query?series=gpu.memory.used,instance.kv_cache.usage,instance.requests.running,host.memory.used&range=5m`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = await res.json();
    return {
      mode: body.mode as string,
      series: (
        body.results as {
          series: string;
          status: string;
          data: { labels: Record<string, string>; values: (number | null)[] }[];
        }[]
      ).map((r) => ({
        series: r.series,
        status: r.status,
        rows: r.data
          .filter((d) => d.values.some((v) => v !== null))
          .filter((d) => ours.has(d.labels.fleetdeck_instance ?? d.labels.fleetdeck_host ?? ""))
          .map((d) => JSON.stringify(d.labels))
          .sort(),
      })),
    };
  };
  const expected = (mode: string) => ({
    mode,
    series: [
      {
        series: "gpu.memory.used",
        status: "ok",
        rows: [0, 1, 2, 3].map((g) => JSON.stringify({ fleetdeck_host: fleet.hostId, gpu: String(g) })),
      },
      {
        series: "instance.kv_cache.usage",
        status: "ok",
        rows: [fleet.instanceIds["qwen-a"], fleet.instanceIds["qwen-b"]]
          .map((i) => JSON.stringify({ fleetdeck_instance: i }))
          .sort(),
      },
      {
        series: "instance.requests.running",
        status: "ok",
        rows: [fleet.instanceIds["qwen-a"], fleet.instanceIds["qwen-b"]]
          .map((i) => JSON.stringify({ fleetdeck_instance: i }))
          .sort(),
      },
      { series: "host.memory.used", status: "ok", rows: [JSON.stringify({ fleetdeck_host: fleet.hostId })] },
    ],
  });
  await expect.poll(() => ask(secondUrl), { timeout: 30_000 }).toEqual(expected("prometheus"));
  await expect.poll(() => ask(BASE_URL), { timeout: 30_000 }).toEqual(expected("embedded"));

  // the page of the Prometheus-mode server: same charts, read from Prometheus
  await page.goto(`${secondUrl}/metrics?view=instances&instance=${fleet.instanceIds["qwen-a"]}&range=5m`);
  await expect(page.getByTestId("metrics-mode")).toContainText("Prometheus");
  const running = page.getByTestId("chart-instance-requests");
  await expect
    .poll(async () => Number((await running.getAttribute("data-last")) || "0"), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await page.goto(`${secondUrl}/metrics?view=targets`);
  await expect(page.locator(`[data-target="instance/${fleet.instanceIds["qwen-a"]}/0"]`)).toHaveAttribute(
    "data-health",
    "up",
  );
  await page.screenshot({ path: "e2e/artifacts/metrics-prometheus-mode.png", fullPage: true });
  await load;
});

test("with Prometheus gone, the page keeps the last data under a banner", async ({ page }) => {
  await page.goto(`${secondUrl}/metrics?view=gpus&host=${fleet.hostId}&range=5m`);
  const memory = page.getByTestId("chart-gpu-memory-0");
  await expect(memory).toHaveAttribute("data-points", /^[1-9]\d*$/, { timeout: 30_000 });
  await prometheus.close();
  await expect(page.getByTestId("metrics-unavailable")).toContainText("Metrics unavailable since", { timeout: 30_000 });
  await expect(page.getByTestId("metrics-unavailable")).toContainText("unreachable");
  await expect(memory).toHaveAttribute("data-points", /^[1-9]\d*$/);
});
