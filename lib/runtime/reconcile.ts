import "server-only";
import type { ReconcilerStore } from "../queries/runtime/reconciler-store";
import { log } from "../server/log";
import type { HostRuntime } from "./drivers/host-runtime";
import type { RuntimeHost } from "./hosts/runtime-host";
import { holderGone, leaseHolderId } from "./reconciler/lease-holder";
import { probeHealth } from "./reconciler/probe-health";
import { type PassReport, runPass } from "./reconciler/run-pass";
import { DEFAULT_RUNTIME_SETTINGS, type RuntimeSettings, runtimeSettingsSchema } from "../vocabulary/runtime-settings";

export type { PassReport } from "./reconciler/run-pass";

export const LEASE_NAME = "reconciler";

export interface ReconcilerOptions {
  store: ReconcilerStore;
  /** The registered hosts (the hosts code's loader). */
  loadHosts: () => Promise<RuntimeHost[]>;
  /** The driver of a host, reused across passes. */
  runtimeFor: (host: RuntimeHost) => HostRuntime;
  readSecret: (name: string) => Promise<string | null>;
  holder?: string;
  /** Between passes when nothing is changing (default 5 s). */
  intervalMs?: number;
  /** Between passes while a replica is on its way (creating, loading, stopping; default 1 s). */
  fastIntervalMs?: number;
  leaseTtlMs?: number;
  hostConcurrency?: number;
  actionsPerHost?: number;
  now?: () => number;
  /** Called after each pass this process ran (tests, benches). */
  onPass?: (report: PassReport) => void;
}

export interface Reconciler {
  readonly holder: string;
  /** Passes at boot, every intervalMs, and when nudged, until stop(). */
  start(): void;
  stop(): Promise<void>;
  /** Asks for a pass soon (an action changed desired state, Docker reported an event). */
  nudge(): void;
  /** One pass now, if this process holds the lease; null when another server reconciles. */
  runOnce(): Promise<PassReport | null>;
}

/** The least time between two passes started by nudges (Docker emits several events per change). */
const NUDGE_GAP_MS = 100;
/** How often loading engines' /health is probed between passes (Docker sends no event when an engine is ready). */
const HEALTH_WATCH_MS = 100;
/** At most this many are watched; the rest are seen by the next pass (1 s while anything converges). */
const HEALTH_WATCH_MAX = 32;

function parseSettings(raw: string | null): RuntimeSettings {
  if (!raw) return DEFAULT_RUNTIME_SETTINGS;
  try {
    const parsed = runtimeSettingsSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
    log.error({ issues: parsed.error.issues.slice(0, 3) }, "runtime settings are invalid; using the defaults");
  } catch {
    log.error("runtime settings are not JSON; using the defaults");
  }
  return DEFAULT_RUNTIME_SETTINGS;
}

/**
 * The reconcile loop, like a Kubernetes controller: level-based passes (runPass) at boot, on a timer and when nudged,
 * never two at once in this process, and only in the one process that holds the lease row (renewed while a pass
 * runs). Hosts' events nudge it, so it reacts sooner than the timer.
 */
export function createReconciler(options: ReconcilerOptions): Reconciler {
  const holder = options.holder ?? leaseHolderId();
  const intervalMs = options.intervalMs ?? 5_000;
  const fastIntervalMs = options.fastIntervalMs ?? 1_000;
  const leaseTtlMs = options.leaseTtlMs ?? 15_000;
  const now = options.now ?? Date.now;
  const watches = new Map<string, { close(): void; readonly closed: boolean }>();
  let installationId: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<PassReport | null> | undefined;
  let again = false;
  let started = false;
  let lastPassAt = 0;
  let healthWatch: NodeJS.Timeout | undefined;

  /** Until the next pass, probes the loading engines' /health and nudges as soon as one answers. */
  function watchHealth(loading: PassReport["loading"]) {
    clearInterval(healthWatch);
    healthWatch = undefined;
    if (!started || loading.length === 0) return;
    const watched = loading.slice(0, HEALTH_WATCH_MAX);
    let probing = false;
    healthWatch = setInterval(async () => {
      if (probing) return;
      probing = true;
      const answers = await Promise.all(watched.map((l) => probeHealth(l.address, l.port, HEALTH_WATCH_MS * 2)));
      probing = false;
      if (answers.some(Boolean)) {
        clearInterval(healthWatch);
        reconciler.nudge();
      }
    }, HEALTH_WATCH_MS);
    healthWatch.unref?.();
  }

  const acquire = () =>
    options.store.acquireLease({ name: LEASE_NAME, holder, ttlMs: leaseTtlMs, nowMs: now(), holderGone });

  async function pass(): Promise<PassReport | null> {
    if (!(await acquire())) return null;
    const heartbeat = setInterval(() => void acquire().catch(() => undefined), Math.max(1_000, leaseTtlMs / 3));
    try {
      installationId ??= await options.store.installationId();
      const hosts = await options.loadHosts();
      const report = await runPass({
        store: options.store,
        installationId,
        settings: parseSettings(await options.store.runtimeSettings()),
        hosts,
        runtimeFor: options.runtimeFor,
        readSecret: options.readSecret,
        hostConcurrency: options.hostConcurrency ?? 8,
        actionsPerHost: options.actionsPerHost ?? 4,
        now,
      });
      watchHosts(hosts);
      watchHealth(report.loading);
      options.onPass?.(report);
      return report;
    } finally {
      clearInterval(heartbeat);
    }
  }

  function watchHosts(hosts: RuntimeHost[]) {
    if (!started) return;
    for (const host of hosts) {
      if (watches.get(host.id)?.closed === false) continue;
      try {
        watches.set(
          host.id,
          options.runtimeFor(host).watch(() => reconciler.nudge()),
        );
      } catch {
        // an unreachable host is watched again after the next pass
      }
    }
  }

  function schedule(ms: number) {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(loop, ms);
    timer.unref?.();
  }

  function loop() {
    if (current) {
      again = true;
      return;
    }
    lastPassAt = now();
    current = pass().catch((error: unknown) => {
      log.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, "reconcile pass failed");
      return null;
    });
    void current.then((report) => {
      current = undefined;
      const soon = again;
      again = false;
      schedule(soon ? 0 : report?.converging ? fastIntervalMs : intervalMs);
    });
  }

  const reconciler: Reconciler = {
    holder,
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      clearInterval(healthWatch);
      for (const watch of watches.values()) watch.close();
      watches.clear();
      await current;
      await options.store.releaseLease(LEASE_NAME, holder).catch(() => undefined);
    },
    nudge() {
      if (!started) return;
      if (current) {
        again = true;
        return;
      }
      schedule(Math.max(0, lastPassAt + NUDGE_GAP_MS - now()));
    },
    async runOnce() {
      while (current) await current;
      current = pass();
      try {
        return await current;
      } finally {
        current = undefined;
      }
    },
  };
  return reconciler;
}
