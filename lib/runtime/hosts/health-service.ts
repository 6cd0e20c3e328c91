import "server-only";
import { type DbClient, db } from "../../queries/db";
import { findHost } from "../../queries/hosts/find-host";
import { recordHostHealth } from "../../queries/hosts/record-host-health";
import { findHostSettings } from "../../queries/settings/find-host-settings";
import { log } from "../../server/log";
import { effectiveHealthTimeoutMs } from "../../vocabulary/host-settings";
import { createHealthPoller, type HealthPoller, type HostCheck, type PolledHost } from "../health/poller";
import type { HealthChange, HostHealth } from "../health/host-health";
import { loadRuntimeHostsWithProblems } from "./load-runtime-hosts";
import { healthRecord } from "./persist-health";

/** How often a reachable host's last-seen time and round-trip time are written when nothing else changes. */
const REFRESH_MS = 60_000;

export interface HostHealthService {
  /** One round over every host now (tests, and the first round at start). */
  pollOnce(): Promise<void>;
  stop(): Promise<void>;
}

export interface HostHealthServiceOptions {
  client?: DbClient;
  /** Overrides the stored settings (tests). */
  intervalMs?: number;
  timeoutMs?: number;
  check?: HostCheck;
}

/**
 * Polls every registered Docker host at the interval of Settings → Hosts (each check bounded by the per-host timeout,
 * so one dead host never delays the others) and writes each state change to the host table: reachable, or unreachable
 * since … with the failing step, its words and the fix. A host whose stored credentials cannot be used is unreachable
 * at the "credentials" step; the local simulated host is always reachable. A changed interval restarts the poller.
 */
export function startHostHealthService(options: HostHealthServiceOptions = {}): HostHealthService {
  const client = options.client ?? db();
  const lastWrite = new Map<string, number>();
  const written = new Map<string, string>();
  let poller: HealthPoller | undefined;
  let timing = { intervalMs: 0, timeoutMs: 0 };
  let stopped = false;

  async function write(hostId: string, health: HostHealth, first: boolean) {
    const record = healthRecord(health);
    if (first) {
      // Keep "since" across server restarts when the state is what the table already says.
      const stored = await findHost(client, hostId);
      if (stored?.health.status === record.status && stored.health.since) record.since = stored.health.since;
      if (record.lastSeenAt === null && stored?.health.lastSeenAt) record.lastSeenAt = stored.health.lastSeenAt;
    }
    await recordHostHealth(client, hostId, record);
    lastWrite.set(hostId, Date.now());
    written.set(hostId, `${record.status}|${record.error?.step}|${record.error?.message}`);
  }

  const onChange = ({ hostId, previous, current }: HealthChange) => write(hostId, current, previous === undefined);
  const onCheck = (hostId: string, health: HostHealth) => {
    if (health.state === "reachable" && Date.now() - (lastWrite.get(hostId) ?? 0) >= REFRESH_MS)
      void write(hostId, health, false).catch((err) => log.warn({ err, hostId }, "writing a host's health failed"));
  };

  async function hosts(): Promise<PolledHost[]> {
    await retime();
    const { hosts, problems } = await loadRuntimeHostsWithProblems(client);
    const now = new Date();
    for (const problem of problems) {
      const key = `unreachable|credentials|${problem.message}`;
      if (written.get(problem.hostId) === key) continue;
      await recordHostHealth(client, problem.hostId, {
        status: "unreachable",
        since: now,
        checkedAt: now,
        lastSeenAt: null,
        rttMs: null,
        error: { step: "credentials", message: problem.message, fix: problem.fix },
      });
      written.set(problem.hostId, key);
    }
    for (const host of hosts.filter((h) => h.kind === "local-sim")) {
      if (written.get(host.id)?.startsWith("reachable")) continue;
      await recordHostHealth(client, host.id, {
        status: "reachable",
        since: now,
        checkedAt: now,
        lastSeenAt: now,
        rttMs: 0,
        error: null,
      });
      written.set(host.id, "reachable|local");
    }
    return hosts.flatMap((h) => (h.kind === "docker" && h.endpoint ? [{ id: h.id, endpoint: h.endpoint }] : []));
  }

  /** (Re)creates the poller when the interval or timeout setting changed. */
  async function retime(): Promise<void> {
    const settings = await findHostSettings(client);
    const intervalMs = options.intervalMs ?? settings.healthIntervalMs;
    const timeoutMs = options.timeoutMs ?? effectiveHealthTimeoutMs(settings);
    if (poller && intervalMs === timing.intervalMs && timeoutMs === timing.timeoutMs) return;
    const old = poller;
    timing = { intervalMs, timeoutMs };
    poller = createHealthPoller({ intervalMs, timeoutMs, hosts, onChange, onCheck, check: options.check });
    if (old) {
      log.info({ intervalMs, timeoutMs }, "host health interval changed; poller restarted");
      void old.stop();
      if (!stopped) poller.start();
    }
  }

  const ready = retime().catch((err) => log.error({ err }, "the host health service could not read its settings"));
  void ready.then(() => {
    if (!stopped) poller?.start();
  });
  return {
    async pollOnce() {
      await ready;
      await poller?.pollOnce();
    },
    async stop() {
      stopped = true;
      await ready;
      await poller?.stop();
    },
  };
}
