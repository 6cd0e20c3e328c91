import "server-only";
import type { HostStatus } from "../../vocabulary/hosts";
import type { DbClient } from "../db";

export interface HostHealthRecord {
  status: HostStatus;
  since: Date;
  checkedAt: Date;
  lastSeenAt: Date | null;
  rttMs: number | null;
  /** While unreachable: what failed, at which step, and the fix; null when reachable. */
  error: { step: string; message: string; fix: string } | null;
}

/** Writes a host's health as the poller (or Test connection) saw it. A host removed meanwhile is skipped. */
export async function recordHostHealth(client: DbClient, hostId: string, health: HostHealthRecord): Promise<void> {
  await client.host.updateMany({
    where: { id: hostId },
    data: {
      status: health.status,
      statusSince: health.since,
      lastCheckedAt: health.checkedAt,
      lastSeenAt: health.lastSeenAt,
      rttMs: health.rttMs,
      statusText: health.error?.message ?? null,
      failingStep: health.error?.step ?? null,
      statusFix: health.error?.fix ?? null,
    },
  });
}
