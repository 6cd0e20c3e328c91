import "server-only";
import type { DbClient } from "../db";

export interface LeaseRequest {
  name: string;
  holder: string;
  ttlMs: number;
  nowMs: number;
  /** Whether the current holder is known to be gone (its process died on this machine): take over before expiry. */
  holderGone?: (holder: string) => boolean;
}

/**
 * Takes or renews a lease row: free, expired, already ours, or held by a process known to be gone. The update is
 * conditional on the row as it was read, so of two servers racing for an expired lease exactly one wins.
 */
export async function acquireLease(client: DbClient, request: LeaseRequest): Promise<boolean> {
  const { name, holder, ttlMs, nowMs } = request;
  const expiresAt = new Date(nowMs + ttlMs);
  const row = await client.runtimeLease.findUnique({ where: { name } });
  if (!row) {
    try {
      await client.runtimeLease.create({ data: { name, holder, expiresAt } });
      return true;
    } catch {
      return false;
    }
  }
  const free = row.holder === holder || row.expiresAt.getTime() <= nowMs || request.holderGone?.(row.holder) === true;
  if (!free) return false;
  const { count } = await client.runtimeLease.updateMany({
    where: { name, holder: row.holder, expiresAt: row.expiresAt },
    data: { holder, expiresAt },
  });
  return count === 1;
}
