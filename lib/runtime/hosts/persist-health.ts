import type { HostHealthRecord } from "../../queries/hosts/record-host-health";
import type { HostHealth } from "../health/host-health";

/** The poller's view of a host as the row the database keeps. */
export function healthRecord(health: HostHealth): HostHealthRecord {
  const reachable = health.state === "reachable";
  return {
    status: health.state,
    since: new Date(health.since),
    checkedAt: new Date(health.checkedAt),
    lastSeenAt: health.lastSeenAt === null ? null : new Date(health.lastSeenAt),
    rttMs: reachable ? health.rttMs : null,
    error: reachable ? null : { step: health.failure.step, message: health.failure.message, fix: health.failure.fix },
  };
}
