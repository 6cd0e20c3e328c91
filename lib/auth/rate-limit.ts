/**
 * Login throttling, per account and per address, with exponential backoff (pure; the clock is injected).
 * Each key gets `free` failed attempts inside `windowMs`; the `free`-th failure locks it for baseDelayMs, each
 * further one doubles the lock up to maxDelayMs. An attempt is reserved before the password is checked (the slow
 * hash) and counts while it is in flight, so simultaneous attempts cannot all slip past the limit: while attempts
 * are in flight, only as many more are let through as could still fail without reaching the lock. A success clears
 * the account's failures, not the address's (one valid account must not let an address keep guessing others).
 */

export interface LimitPolicy {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export const ACCOUNT_POLICY: LimitPolicy = {
  free: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};
export const ADDRESS_POLICY: LimitPolicy = {
  free: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  inFlight: number;
}

const MAX_ENTRIES = 50_000;

export class KeyedLimiter {
  private readonly entries = new Map<string, Entry>();
  constructor(
    readonly policy: LimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    const now = this.now();
    if (e && e.inFlight === 0 && now - e.lastFailureAt > this.policy.windowMs && now >= e.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private entry(key: string): Entry {
    let e = this.live(key);
    if (!e) {
      e = { failures: 0, lastFailureAt: this.now(), lockedUntil: 0, inFlight: 0 };
      this.entries.set(key, e);
      if (this.entries.size > MAX_ENTRIES) {
        const oldest = [...this.entries].find(([, v]) => v.inFlight === 0)?.[0];
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return e;
  }

  private lockMs(failures: number): number {
    const extra = failures - this.policy.free;
    return extra < 0 ? 0 : Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** extra);
  }

  /** Milliseconds until one more attempt may start (0 = now). */
  waitMs(key: string): number {
    const e = this.live(key);
    if (!e) return 0;
    const locked = Math.max(0, e.lockedUntil - this.now());
    if (locked > 0) return locked;
    if (e.inFlight > 0 && e.failures + e.inFlight >= this.policy.free)
      return Math.max(1_000, this.lockMs(e.failures + e.inFlight));
    return 0;
  }

  reserve(key: string): void {
    this.entry(key).inFlight += 1;
  }

  finish(key: string, outcome: "failed" | "succeeded" | "aborted"): void {
    const e = this.entry(key);
    e.inFlight = Math.max(0, e.inFlight - 1);
    if (outcome === "succeeded") {
      e.failures = 0;
      e.lockedUntil = 0;
    } else if (outcome === "failed") {
      const now = this.now();
      e.failures += 1;
      e.lastFailureAt = now;
      const lock = this.lockMs(e.failures);
      if (lock > 0) e.lockedUntil = now + lock;
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export type Reservation =
  | { allowed: true; account: string; ip: string | null }
  | { allowed: false; retryAfterMs: number; message: string };

export class LoginRateLimiter {
  readonly accounts: KeyedLimiter;
  readonly addresses: KeyedLimiter;
  constructor(now: () => number = Date.now, account = ACCOUNT_POLICY, address = ADDRESS_POLICY) {
    this.accounts = new KeyedLimiter(account, now);
    this.addresses = new KeyedLimiter(address, now);
  }

  private refusal(account: string, ip: string | null): Reservation | null {
    const byAccount = this.accounts.waitMs(account);
    const byAddress = ip ? this.addresses.waitMs(ip) : 0;
    if (byAccount === 0 && byAddress === 0) return null;
    const retryAfterMs = Math.max(byAccount, byAddress);
    const what = byAccount >= byAddress ? "for this account" : "from your address";
    return {
      allowed: false,
      retryAfterMs,
      message: `Too many failed sign-in attempts ${what}. Try again in ${seconds(retryAfterMs)} s.`,
    };
  }

  /**
   * Reserves an attempt on the account (the resolved account, not the text typed) and the address, or refuses it.
   * Synchronous: no other attempt can interleave between the check and the reservation.
   */
  reserve(account: string, ip: string | null): Reservation {
    const refused = this.refusal(account, ip);
    if (refused) return refused;
    this.accounts.reserve(account);
    if (ip) this.addresses.reserve(ip);
    return { allowed: true, account, ip };
  }

  finish(reservation: Reservation, outcome: "failed" | "succeeded" | "aborted"): void {
    if (!reservation.allowed) return;
    this.accounts.finish(reservation.account, outcome);
    if (reservation.ip) this.addresses.finish(reservation.ip, outcome === "succeeded" ? "aborted" : outcome);
  }

  /** Whether the next attempt would be refused now, and why (for the message after a failure). */
  check(account: string, ip: string | null): Reservation {
    return this.refusal(account, ip) ?? { allowed: true, account, ip };
  }
}

const holder = globalThis as typeof globalThis & { __fleetdeckLoginLimiter?: LoginRateLimiter };

/** The server's limiter (one process; a multi-replica deployment would move this into the database). */
export function loginLimiter(): LoginRateLimiter {
  holder.__fleetdeckLoginLimiter ??= new LoginRateLimiter();
  return holder.__fleetdeckLoginLimiter;
}
