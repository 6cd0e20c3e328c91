import { configDefaults, defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const INCLUDE = [
  "lib/**/*.test.ts",
  "cli/**/*.test.ts",
  "components/**/*.test.ts",
  "app/**/*.test.ts",
  "scripts/**/*.test.ts",
  "bench/**/*.test.ts",
  "sim/**/*.test.ts",
];

/**
 * Tests that need the test daemons to themselves: they stop the second dockerd, or kill a server in the middle of
 * starting eight engines and time how it converges. They run one at a time after everything else, so no other test
 * holds the daemon they stop or competes for the two cores while they wait on containers.
 */
const EXCLUSIVE = [
  "lib/runtime/health/poller.test.ts",
  "lib/runtime/hosts/health-service.test.ts",
  "lib/runtime/reconcile-faults.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // lib/queries/db.ts is server-only in Next; in tests it runs in plain Node.
      "server-only": fileURLToPath(new URL("./scripts/empty-module.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "parallel",
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...EXCLUSIVE],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: "exclusive", include: EXCLUSIVE, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
