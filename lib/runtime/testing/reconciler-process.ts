/**
 * A server's reconciler alone, as its own process, for the crash test (kill -9 mid-apply):
 *   node --conditions=react-server --import tsx lib/runtime/testing/reconciler-process.ts
 * with DATABASE_URL, FLEETDECK_DATA_DIR and FLEETDECK_SECRET of the test database. Prints one line per pass.
 * RECONCILE_ACTIONS_PER_HOST (default 4) bounds its actions per host, so a test can catch it mid-apply.
 */
import { reconcilerStore } from "../../queries/runtime/reconciler-store";
import { readSecret } from "../../secrets/secret-store";
import { createRuntimeFactory } from "../drivers/runtime-factory";
import { loadRuntimeHosts } from "../hosts/load-runtime-hosts";
import { createReconciler } from "../reconcile";

const store = reconcilerStore();
const reconciler = createReconciler({
  store,
  loadHosts: () => loadRuntimeHosts(),
  runtimeFor: createRuntimeFactory({
    dataDir: process.env.FLEETDECK_DATA_DIR ?? "data",
    simBundlePath: "sim/dist/sim.mjs",
  }),
  readSecret,
  intervalMs: 500,
  actionsPerHost: Number(process.env.RECONCILE_ACTIONS_PER_HOST ?? 4),
  fastIntervalMs: 200,
  onPass: (report) => console.log(`pass ${report.actions.length} actions`),
});
console.log(`holder ${reconciler.holder}`);
reconciler.start();
// The reconciler's timers are unref'd (inside Next the HTTP server keeps the process up): alone, this keeps it up
// until it is killed, as a server would be.
setInterval(() => undefined, 60_000);
