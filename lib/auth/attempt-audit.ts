import "server-only";
import type { AuditEntry } from "../audit/audit-entry";
import { writeAudit } from "../queries/audit/write-audit-event";
import { db } from "../queries/db";
import { log } from "../server/log";

/**
 * Failed and throttled sign-ins, aggregated: one audit row per action, account, address and minute, with the number
 * of attempts. A flood of guesses writes a row a minute instead of a row a guess. The open minute is written when
 * it ends, or earlier when someone reads the audit log (flushAttemptAudit), so readers never miss an attempt.
 */

type AttemptAction = "auth.sign-in-failed" | "auth.sign-in-throttled";

interface Bucket {
  minute: number;
  action: AttemptAction;
  target: Pick<AuditEntry, "targetType" | "targetId" | "targetLabel">;
  ip: string | null;
  attempts: number;
  firstAt: Date;
  lastAt: Date;
}

const MINUTE_MS = 60_000;

export class AttemptAggregator {
  private buckets = new Map<string, Bucket>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly write: (bucket: Bucket) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  record(action: AttemptAction, target: Bucket["target"], ip: string | null): void {
    const at = this.now();
    const minute = Math.floor(at / MINUTE_MS);
    const key = `${action}\u0000${target.targetType}:${target.targetId}\u0000${ip}\u0000${minute}`;
    const bucket = this.buckets.get(key);
    if (bucket) {
      bucket.attempts += 1;
      bucket.lastAt = new Date(at);
    } else {
      this.buckets.set(key, { minute, action, target, ip, attempts: 1, firstAt: new Date(at), lastAt: new Date(at) });
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.buckets.size === 0) return;
    const at = this.now();
    const minute = Math.min(...[...this.buckets.values()].map((b) => b.minute));
    this.timer = setTimeout(() => void this.flush(false), Math.max(0, (minute + 1) * MINUTE_MS - at) + 50);
    this.timer.unref?.();
  }

  /** Writes the buckets whose minute has ended, or every open one (`all`: readers call this before reading). */
  async flush(all = true): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const current = Math.floor(this.now() / MINUTE_MS);
    const pending = [...this.buckets].filter(([, b]) => all || b.minute < current);
    for (const [key] of pending) this.buckets.delete(key);
    this.schedule();
    for (const [, bucket] of pending) {
      try {
        await this.write(bucket);
      } catch (err) {
        log.error({ err: { message: (err as Error).message }, action: bucket.action }, "sign-in audit row lost");
      }
    }
  }

  get pending(): number {
    return this.buckets.size;
  }
}

const holder = globalThis as typeof globalThis & { __fleetdeckAttemptAudit?: AttemptAggregator };

export function attemptAudit(): AttemptAggregator {
  holder.__fleetdeckAttemptAudit ??= new AttemptAggregator((b) =>
    writeAudit(
      db(),
      null,
      b.action,
      {
        ...b.target,
        outcome: "refused",
        after: { attempts: b.attempts, firstAt: b.firstAt.toISOString(), lastAt: b.lastAt.toISOString() },
      },
      b.ip,
    ),
  );
  return holder.__fleetdeckAttemptAudit;
}

/** Writes the aggregated sign-in attempts still open, so the audit log is complete for whoever reads it now. */
export function flushAttemptAudit(): Promise<void> {
  return attemptAudit().flush();
}
