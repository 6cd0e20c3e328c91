import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import Docker from "dockerode";
import { buildProbeTestImage, PROBE_TEST_IMAGE } from "../../lib/runtime/testing/probe-test-image";
import { testHosts } from "../../lib/runtime/testing/test-env";
import { watchConsoleErrors } from "../console-errors";
import { addUser, pageAs } from "../auth/helpers";

/**
 * Settings → Hosts in real Chromium against the real server, the harness's real daemons (the second one over TCP
 * with TLS) and the probe image printing a real nvidia-smi XML fixture.
 */
test.describe.configure({ mode: "serial" });

const env = testHosts();
const HOST_VIEWER = {
  email: "hosts-viewer@fleetdeck.test",
  username: "hosts-viewer",
  password: "hosts viewer passphrase",
};
const card = (page: Page, name: string) => page.getByRole("article", { name: `Host ${name}` });

test.beforeAll(async () => {
  const local = new Docker({ socketPath: env.docker.replace(/^unix:\/\//, "") });
  await buildProbeTestImage(local, [path.resolve("lib/runtime/gpu/fixtures/h200-nvidia-smi-q-busy.xml")]);
});

test("the first start offered the local simulated host, and says it is simulated", async ({ page }) => {
  await page.goto("/settings/hosts");
  const sim = card(page, "local-simulated");
  await expect(sim.getByTestId("simulated-badge")).toHaveText(/^Local simulated host: 4× RTX 4090D 24GB/);
  await page.goto("/fleet");
  await expect(
    page.getByRole("row").filter({ hasText: "local-simulated" }).getByTestId("simulated-badge"),
  ).toBeVisible();
});

// Test connection and discovery talk to real daemons and start a container: on a loaded machine, seconds to a minute.
const SLOW = { timeout: 120_000 };

test("an admin adds a TLS host, tests it, labels it and sees its GPUs", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchConsoleErrors(page);
  await page.goto("/settings/hosts");
  await page.getByRole("button", { name: "Add host" }).click();
  const form = page.getByRole("form", { name: "Add a host" });
  await form.getByLabel("Name").fill("harness-tls");
  await form.getByLabel("Endpoint URL").fill("tcp://10.9.8.7:2375");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByRole("alert")).toContainText("without TLS");
  await form.getByLabel("Endpoint URL").fill(env.tls.url);
  await form.getByLabel("CA certificate (ca.pem)").fill(env.tls.caPem);
  await form.getByLabel("Client certificate (cert.pem)").fill(env.tls.certPem);
  await form.getByLabel("Client key (key.pem)").fill(env.tls.keyPem);
  await form.getByLabel("Labels (what role grants match)").fill("team=a");
  await form.getByRole("button", { name: "Add host" }).click();
  const host = card(page, "harness-tls");
  await expect(host).toBeVisible();
  await expect(host.getByTestId("host-labels")).toContainText("team=a");
  await expect(host).toContainText("tls-ca, tls-cert, tls-key (stored encrypted, never shown)");

  await host.getByRole("button", { name: "Test connection" }).click();
  await expect(host.getByRole("status")).toContainText(/Connected: Docker \d+\.\d+.*round trip [\d.]+ ms/, SLOW);
  await expect(host.getByTestId("engine-facts")).toContainText("NVIDIA runtime");
  await expect(host.getByTestId("engine-facts")).toContainText(/cgroup driver/);

  await host.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit host harness-tls" });
  await edit.getByLabel("Labels (what role grants match)").fill("team=a, zone=lab");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(host.getByTestId("host-labels")).toContainText("zone=lab");
  // The key was kept (blank = keep): the connection still works (a fresh page: no earlier result on it).
  await page.reload();
  await host.getByRole("button", { name: "Test connection" }).click();
  await expect(host.getByRole("status")).toContainText("Connected", SLOW);

  // GPUs: the simulator path on the first daemon, fed a real nvidia-smi XML fixture.
  const settings = page.getByRole("form", { name: "Discovery and health settings" });
  await settings.getByLabel("Simulator image (hosts with simulated GPUs)").fill(PROBE_TEST_IMAGE);
  await settings
    .getByLabel("Probe environment (KEY=VALUE per line)")
    .fill("FLEETDECK_SIM_NVIDIA_SMI_FIXTURE=/fixtures/h200-nvidia-smi-q-busy.xml");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Add host" }).click();
  const second = page.getByRole("form", { name: "Add a host" });
  await second.getByLabel("Name").fill("harness-sim");
  await second.getByLabel("Endpoint URL").fill(env.docker);
  await second.getByLabel(/Simulated GPUs on this daemon/).check();
  await second.getByLabel("Simulated GPU count").fill("1");
  await second.getByLabel("Simulated GPU", { exact: true }).selectOption("h200");
  await second.getByRole("button", { name: "Add host" }).click();
  const sim = card(page, "harness-sim");
  await expect(sim.getByTestId("simulated-badge")).toHaveText("Simulated GPUs: 1× H200 141GB");
  await sim.getByRole("button", { name: "Discover GPUs" }).click();
  await expect(sim.getByRole("status")).toContainText(`Found 1 GPU via ${PROBE_TEST_IMAGE} nvidia-smi -q -x`, SLOW);
  const gpus = sim.getByRole("table", { name: "GPUs of harness-sim" });
  await expect(gpus).toContainText("NVIDIA H200");
  await expect(gpus).toContainText("catalog: h200");
  await expect(gpus).toContainText(/GPU-[0-9a-f-]+/);
  await expect(gpus).toContainText(/foreign process pid 432 python3/);
  await expect(sim).toContainText(/driver \d+\.\d+/);
  expect(errors).toEqual([]);
});

test("health shows on Fleet; a planned host bound to a registered one budgets on its cards and shows its state", async ({
  page,
}) => {
  await page.goto("/fleet");
  const row = page.getByRole("row").filter({ hasText: "harness-sim" });
  // The health poller (every 10 s by default) finds it; the page re-reads itself every 10 s.
  await expect(row.getByTestId("host-health")).toContainText("reachable", { timeout: 35_000 });
  await expect(row.getByTestId("simulated-badge")).toHaveText("Simulated GPUs: 1× H200 141GB");

  await page.goto("/layouts/new");
  await page.getByRole("button", { name: "Bind host" }).click();
  const option = page.getByRole("option", { name: /^harness-sim · 1 GPU \(simulated\)/ });
  await page.getByLabel("Registered host", { exact: true }).selectOption((await option.getAttribute("value")) ?? "");
  await page.getByRole("button", { name: "Add harness-sim as a new planned host" }).click();
  const header = page.getByRole("rowheader").filter({ hasText: "harness-sim" });
  await expect(header.getByTestId("bound-host")).toContainText(/harness-sim ● reachable · simulated/);
  await expect(page.getByRole("gridcell", { name: /^harness-sim GPU 0, H200 141GB, free/ })).toBeVisible();
});

test("a viewer sees hosts, states and GPUs, but no secrets and no edit controls", async ({ page, browser }) => {
  await addUser(page, HOST_VIEWER, "viewer");
  const viewer = await pageAs(browser, HOST_VIEWER.username, HOST_VIEWER.password);
  // Any piece of the stored key or certificates, in any response the viewer's browser receives.
  const secretBits = [env.tls.keyPem, env.tls.certPem, env.tls.caPem].map((pem) => pem.split("\n")[1]!.slice(0, 40));
  const pems: string[] = [];
  viewer.on("response", async (response) => {
    const body = await response.text().catch(() => "");
    if (secretBits.some((bit) => body.includes(bit))) pems.push(response.url());
  });
  await viewer.goto("/settings/hosts");
  const host = card(viewer, "harness-tls");
  await expect(host).toBeVisible();
  await expect(host.getByTestId("host-health")).toBeVisible();
  await expect(card(viewer, "harness-sim").getByRole("table", { name: "GPUs of harness-sim" })).toContainText(
    "NVIDIA H200",
  );
  await expect(viewer.getByRole("button", { name: "Add host" })).toHaveCount(0);
  for (const control of ["Test connection", "Discover GPUs", "Edit", "Remove"])
    await expect(viewer.getByRole("button", { name: control })).toHaveCount(0);
  await expect(viewer.getByRole("form", { name: "Discovery and health settings" })).toHaveCount(0);
  const api = await viewer.request.get("/api/v1/hosts");
  expect(api.ok()).toBe(true);
  const listed = await api.text();
  for (const bit of secretBits) expect(listed).not.toContain(bit);
  const refused = await viewer.request.delete(`/api/v1/hosts/${JSON.parse(listed).items[0].id}`, {
    headers: { origin: BASE_URL },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatch(/viewer/);
  expect(pems).toEqual([]);
});
