import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.FLEETDECK_E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** Debian's Chromium: Playwright cannot download its own browser here. */
const CHROMIUM = process.env.FLEETDECK_TEST_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-env/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: `${BASE_URL}/fleet`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: "file:./.test-env/e2e.db",
      FLEETDECK_DATA_DIR: ".test-env/e2e-data",
      LOG_LEVEL: "warn",
    },
  },
});
