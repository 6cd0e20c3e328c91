import "server-only";
import path from "node:path";
import { reconcilerStore } from "../queries/runtime/reconciler-store";
import { readSecret } from "../secrets/secret-store";
import { env } from "../server/env";
import { log } from "../server/log";
import { onRuntimeNudge } from "../server/runtime-nudge";
import { createRuntimeFactory, type RuntimeFactory } from "./drivers/runtime-factory";
import type { HostRuntime } from "./drivers/host-runtime";
import { loadRuntimeHost, loadRuntimeHostsWithProblems, RuntimeHostError } from "./hosts/load-runtime-hosts";
import type { RuntimeHost } from "./hosts/runtime-host";
import { createReconciler, type Reconciler } from "./reconcile";

/**
 * The server's one reconciler and drivers (kept on globalThis: Next may load this module in more than one bundle of
 * the same process). Started at boot by instrumentation.ts; actions reach it through lib/server/runtime-nudge.
 */
interface Controller {
  reconciler: Reconciler;
  runtimes: RuntimeFactory;
  loadHosts: () => Promise<RuntimeHost[]>;
  unsubscribe: () => void;
}

const holder = globalThis as typeof globalThis & { __fleetdeckRuntime?: Controller };

/**
 * The hosts the runtime drives: every registered host, its TLS/SSH credentials decrypted (the hosts feature's
 * loader). A host it cannot use is logged once when that starts, not on every pass.
 */
let leftOut = new Set<string>();
async function loadRegisteredHosts(): Promise<RuntimeHost[]> {
  const { hosts, problems } = await loadRuntimeHostsWithProblems();
  const now = new Set(problems.map((p) => `${p.hostId}|${p.message}`));
  for (const p of problems)
    if (!leftOut.has(`${p.hostId}|${p.message}`))
      log.warn({ host: p.hostName, problem: p.message, fix: p.fix }, "host left out of reconciling");
  leftOut = now;
  return hosts;
}

function controller(loadHosts = loadRegisteredHosts): Controller {
  if (holder.__fleetdeckRuntime) return holder.__fleetdeckRuntime;
  const config = env();
  const runtimes = createRuntimeFactory({
    dataDir: path.resolve(config.FLEETDECK_DATA_DIR),
    simBundlePath: path.resolve(config.FLEETDECK_SIM_BUNDLE),
  });
  const reconciler = createReconciler({
    store: reconcilerStore(),
    loadHosts,
    runtimeFor: runtimes,
    readSecret,
    intervalMs: config.FLEETDECK_RECONCILE_INTERVAL_MS || 5_000,
  });
  const unsubscribe = onRuntimeNudge(() => reconciler.nudge());
  holder.__fleetdeckRuntime = { reconciler, runtimes, loadHosts, unsubscribe };
  return holder.__fleetdeckRuntime;
}

/** Starts reconciling (at boot); FLEETDECK_RECONCILE_INTERVAL_MS=0 leaves it off. */
export function startRuntime(options: { loadHosts?: () => Promise<RuntimeHost[]> } = {}): Reconciler | null {
  if (env().FLEETDECK_RECONCILE_INTERVAL_MS === 0) {
    log.info("reconciler off (FLEETDECK_RECONCILE_INTERVAL_MS=0)");
    return null;
  }
  const { reconciler } = controller(options.loadHosts);
  reconciler.start();
  log.info({ holder: reconciler.holder }, "reconciler started");
  return reconciler;
}

export async function stopRuntime(): Promise<void> {
  const current = holder.__fleetdeckRuntime;
  if (!current) return;
  holder.__fleetdeckRuntime = undefined;
  current.unsubscribe();
  await current.reconciler.stop();
  current.runtimes.closeAll();
}

/** The hosts the runtime drives now. */
export function runtimeHosts(): Promise<RuntimeHost[]> {
  return controller().loadHosts();
}

/** The driver of one registered host (logs, "try it"), or null when it is not a host the runtime can drive. */
export async function runtimeForHost(hostId: string): Promise<HostRuntime | null> {
  const c = controller();
  const host = await loadRuntimeHost(hostId).catch((error: unknown) => {
    if (error instanceof RuntimeHostError) return null;
    throw error;
  });
  return host ? c.runtimes(host) : null;
}
