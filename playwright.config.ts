import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.FLEETDECK_E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** The e2e server's database and data directory (override to run two suites side by side). */
export const E2E_DB = process.env.FLEETDECK_E2E_DB ?? ".test-env/e2e.db";
export const E2E_DATA_DIR = process.env.FLEETDECK_E2E_DATA_DIR ?? ".test-env/e2e-data";

/** The first admin's signed-in browser state, saved by the `setup` project (e2e/setup/auth.setup.ts). */
export const ADMIN_STATE = process.env.FLEETDECK_E2E_ADMIN_STATE ?? ".test-env/storage/admin.json";

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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\/.*\.setup\.ts$/ },
    {
      name: "chromium",
      testIgnore: /setup\/.*\.setup\.ts$/,
      dependencies: ["setup"],
      use: { storageState: ADMIN_STATE },
    },
  ],
  webServer: {
    // A fresh database every run: the setup project proves first-run admin creation on it.
    command: `rm -rf ${E2E_DB} ${E2E_DB}-wal ${E2E_DB}-shm ${E2E_DATA_DIR} && node scripts/start.mjs`,
    url: `${BASE_URL}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: `file:./${E2E_DB}`,
      FLEETDECK_DATA_DIR: E2E_DATA_DIR,
      // One trusted proxy, 127.0.0.1: requests from any other loopback address (127.0.0.2 …) play clients that talk
      // to fleetdeck directly (e2e/security/http.ts picks the source address).
      FLEETDECK_TRUSTED_PROXIES: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
  },
});
