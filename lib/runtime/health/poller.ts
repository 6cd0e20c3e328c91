import "server-only";
import { z } from "zod";
import { log } from "@/lib/server/log";
import { getDockerClient } from "../docker/client-cache";
import type { DockerEndpoint } from "../docker/endpoint-schema";
import { describeFailure } from "../docker/failure";
import { pingHost, type PingResult } from "../docker/ping-host";
import { isChange, nextHealth, type HealthChange, type HostHealth } from "./host-health";
import { concurrencyLimiter } from "./limit-concurrency";

export interface PolledHost {
  id: string;
  endpoint: DockerEndpoint;
  /** Overrides the poller's timeout for this host (a far-away SSH host). Must stay below the interval. */
  timeoutMs?: number;
}

export type HostCheck = (host: PolledHost, timeoutMs: number) => Promise<PingResult>;

export const healthPollerSettingsSchema = z
  .object({
    intervalMs: z.number().int().min(100, "intervalMs must be at least 100 ms").default(10_000),
    timeoutMs: z.number().int().min(10, "timeoutMs must be at least 10 ms").optional(),
    concurrency: z.number().int().min(1).max(1024, "concurrency must be between 1 and 1024").default(32),
  })
  .transform((settings) => ({
    ...settings,
    timeoutMs: settings.timeoutMs ?? Math.min(5000, Math.floor(settings.intervalMs / 2)),
  }))
  .refine((settings) => settings.timeoutMs < settings.intervalMs, {
    message: "timeoutMs must be less than intervalMs: each check has to end before the next round starts",
    path: ["timeoutMs"],
  });

export interface HealthPollerOptions extends z.input<typeof healthPollerSettingsSchema> {
  /** The hosts to poll, asked again at every round (hosts come and go). */
  hosts: () => PolledHost[] | Promise<PolledHost[]>;
  /** A host's first check, a flip between reachable and unreachable, or a different error while unreachable. */
  onChange: (change: HealthChange) => void | Promise<void>;
  /** Every check's outcome (to persist last-seen times and round-trip times). */
  onCheck?: (hostId: string, health: HostHealth) => void;
  /** How a host is checked; default: GET /_ping on the host's cached dockerode client. */
  check?: HostCheck;
  now?: () => number;
}

export interface HealthPoller {
  /** Polls now and then every intervalMs, until stop(). */
  start(): void;
  /** Stops the timer and waits for checks in flight. */
  stop(): Promise<void>;
  /** One round: resolves when every host's check has ended (at most its timeout). */
  pollOnce(): Promise<void>;
  snapshot(): ReadonlyMap<string, HostHealth>;
}

export const pingPolledHost: HostCheck = async (host, timeoutMs) => {
  try {
    return await pingHost(getDockerClient(host.endpoint), timeoutMs);
  } catch (error) {
    return {
      ok: false,
      failure: describeFailure(error, {
        endpoint: host.endpoint,
        progress: { stage: "resolving" },
        timedOut: false,
        timeoutMs,
      }),
    };
  }
};

/**
 * Polls every host every interval, each independently: a round never waits for a slow or dead host (its check ends
 * at its timeout, and a host whose check is still running is skipped, not queued twice). At most `concurrency`
 * checks run at once.
 */
export function createHealthPoller(options: HealthPollerOptions): HealthPoller {
  const settings = healthPollerSettingsSchema.parse(options);
  const { hosts, onChange, onCheck, check = pingPolledHost, now = Date.now } = options;
  const limit = concurrencyLimiter(settings.concurrency);
  const states = new Map<string, HostHealth>();
  const inFlight = new Set<string>();
  const rounds = new Set<Promise<void>>();
  let known = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  async function checkOne(host: PolledHost): Promise<void> {
    inFlight.add(host.id);
    try {
      const result = await check(host, host.timeoutMs ?? settings.timeoutMs);
      if (!known.has(host.id)) return; // removed while its check ran
      const previous = states.get(host.id);
      const current = nextHealth(previous, result, now());
      states.set(host.id, current);
      onCheck?.(host.id, current);
      if (isChange(previous, current)) await onChange({ hostId: host.id, previous, current });
    } catch (error) {
      log.error({ err: error, hostId: host.id }, "health check of a host failed unexpectedly");
    } finally {
      inFlight.delete(host.id);
    }
  }

  async function round(): Promise<void> {
    let list: PolledHost[];
    try {
      list = await hosts();
    } catch (error) {
      log.error({ err: error }, "the health poller could not list the hosts");
      return;
    }
    known = new Set(list.map((host) => host.id));
    for (const id of states.keys()) if (!known.has(id)) states.delete(id);
    await Promise.all(list.filter((host) => !inFlight.has(host.id)).map((host) => limit(() => checkOne(host))));
  }

  function tracked(): Promise<void> {
    const promise = round().finally(() => rounds.delete(promise));
    rounds.add(promise);
    return promise;
  }

  function tick() {
    void tracked();
    timer = setTimeout(tick, settings.intervalMs);
  }

  return {
    start() {
      if (timer === undefined) tick();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await Promise.all([...rounds]);
    },
    pollOnce: tracked,
    snapshot: () => new Map(states),
  };
}
