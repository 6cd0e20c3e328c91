/**
 * Login throttling, per account and per address, with exponential backoff (pure; the clock is injected).
 * Each key gets `free` failed attempts inside `windowMs`; every failure after that locks the key for
 * baseDelayMs × 2^(extra failures − 1), capped at maxDelayMs. A lock refuses the attempt before the password
 * is checked, so a correct guess during a lock does not get in. A success clears the account's counter,
 * not the address's (one valid account must not let an address keep guessing others).
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
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number; message: string };

const MAX_ENTRIES = 50_000;

export class KeyedLimiter {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly policy: LimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && this.now() - e.lastFailureAt > this.policy.windowMs && this.now() >= e.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Milliseconds until `key` may try again (0 = now). */
  retryAfterMs(key: string): number {
    const e = this.live(key);
    return e ? Math.max(0, e.lockedUntil - this.now()) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const e = this.live(key) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    e.failures += 1;
    e.lastFailureAt = now;
    const extra = e.failures - this.policy.free;
    if (extra > 0) e.lockedUntil = now + Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (extra - 1));
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export class LoginRateLimiter {
  readonly accounts: KeyedLimiter;
  readonly addresses: KeyedLimiter;
  constructor(now: () => number = Date.now, account = ACCOUNT_POLICY, address = ADDRESS_POLICY) {
    this.accounts = new KeyedLimiter(account, now);
    this.addresses = new KeyedLimiter(address, now);
  }

  check(account: string, ip: string | null): LimitDecision {
    const byAccount = this.accounts.retryAfterMs(account.toLowerCase());
    const byAddress = ip ? this.addresses.retryAfterMs(ip) : 0;
    if (byAccount === 0 && byAddress === 0) return { allowed: true };
    const retryAfterMs = Math.max(byAccount, byAddress);
    const what = byAccount >= byAddress ? "for this account" : "from your address";
    return {
      allowed: false,
      retryAfterMs,
      message: `Too many failed sign-in attempts ${what}. Try again in ${seconds(retryAfterMs)} s.`,
    };
  }

  failed(account: string, ip: string | null): void {
    this.accounts.fail(account.toLowerCase());
    if (ip) this.addresses.fail(ip);
  }

  succeeded(account: string): void {
    this.accounts.reset(account.toLowerCase());
  }
}

const holder = globalThis as typeof globalThis & { __fleetdeckLoginLimiter?: LoginRateLimiter };

/** The server's limiter (one process; a multi-replica deployment would move this into the database). */
export function loginLimiter(): LoginRateLimiter {
  holder.__fleetdeckLoginLimiter ??= new LoginRateLimiter();
  return holder.__fleetdeckLoginLimiter;
}
