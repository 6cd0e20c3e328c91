import type { ConnectionFailure } from "../docker/failure";
import type { PingResult } from "../docker/ping-host";

/** What the poller knows about one host. Times are epoch milliseconds. */
export type HostHealth =
  | { state: "reachable"; rttMs: number; lastSeenAt: number; since: number; checkedAt: number }
  | { state: "unreachable"; failure: ConnectionFailure; lastSeenAt: number | null; since: number; checkedAt: number };

export interface HealthChange {
  hostId: string;
  /** undefined on the first check of a host. */
  previous: HostHealth | undefined;
  current: HostHealth;
}

/** The host's health after one check at `at`. `since` moves only when the state flips. */
export function nextHealth(previous: HostHealth | undefined, result: PingResult, at: number): HostHealth {
  if (result.ok) {
    const since = previous?.state === "reachable" ? previous.since : at;
    return { state: "reachable", rttMs: result.rttMs, lastSeenAt: at, since, checkedAt: at };
  }
  const since = previous?.state === "unreachable" ? previous.since : at;
  const lastSeenAt = previous ? previous.lastSeenAt : null;
  return { state: "unreachable", failure: result.failure, lastSeenAt, since, checkedAt: at };
}

/** A change worth telling: the first check, a flip, or an unreachable host failing at another step or in other words. */
export function isChange(previous: HostHealth | undefined, current: HostHealth): boolean {
  if (!previous || previous.state !== current.state) return true;
  if (previous.state === "unreachable" && current.state === "unreachable") {
    return previous.failure.step !== current.failure.step || previous.failure.message !== current.failure.message;
  }
  return false;
}
