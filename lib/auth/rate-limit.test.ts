import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, ADDRESS_POLICY, KeyedLimiter, LoginRateLimiter, type Reservation } from "./rate-limit";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** One attempt, start to finish, with nothing else in flight. */
function attempt(l: LoginRateLimiter, account: string, ip: string | null, outcome: "failed" | "succeeded") {
  const r = l.reserve(account, ip);
  if (r.allowed) l.finish(r, outcome);
  return r;
}

describe("login rate limiter", () => {
  it("locks an account at its free-th failure, doubling the wait each time, with a readable message", () => {
    const c = clock();
    const l = new LoginRateLimiter(c.now);
    for (let i = 0; i < ACCOUNT_POLICY.free; i++)
      expect(attempt(l, "user:ada", "10.0.0.1", "failed").allowed).toBe(true);
    expect(l.reserve("user:ada", "10.0.0.9")).toEqual({
      allowed: false,
      retryAfterMs: 2_000,
      message: "Too many failed sign-in attempts for this account. Try again in 2 s.",
    });
    c.advance(2_000);
    expect(attempt(l, "user:ada", null, "failed").allowed).toBe(true);
    expect(l.check("user:ada", null)).toMatchObject({ allowed: false, retryAfterMs: 4_000 });
    c.advance(4_000);
    attempt(l, "user:ada", null, "failed");
    expect(l.check("user:ada", null)).toMatchObject({
      allowed: false,
      retryAfterMs: 8_000,
      message: expect.stringContaining("Try again in 8 s."),
    });
  });

  it("counts attempts in flight: of 100 simultaneous ones, only the free ones are let through", () => {
    const l = new LoginRateLimiter(clock().now);
    const reservations: Reservation[] = [];
    for (let i = 0; i < 100; i++) reservations.push(l.reserve("user:ada", `10.0.1.${i}`));
    expect(reservations.filter((r) => r.allowed)).toHaveLength(ACCOUNT_POLICY.free);
    for (const r of reservations) l.finish(r, "failed");
    expect(l.check("user:ada", "10.0.9.9")).toMatchObject({ allowed: false, retryAfterMs: 2_000 });
  });

  it("lets one attempt at a time through once the free ones are used, and none while locked", () => {
    const c = clock();
    const l = new LoginRateLimiter(c.now);
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) attempt(l, "user:bob", null, "failed");
    c.advance(2_000);
    const one = l.reserve("user:bob", null);
    expect(one.allowed).toBe(true);
    expect(l.reserve("user:bob", null).allowed).toBe(false);
    l.finish(one, "succeeded");
    expect(l.reserve("user:bob", null).allowed).toBe(true);
  });

  it("never lets more attempts be checked than a sequential client gets (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 1, max: 8 }), fail: fc.boolean() }), { maxLength: 30 }),
        (waves) => {
          const l = new LoginRateLimiter(clock().now);
          let failures = 0;
          for (const wave of waves) {
            const batch = Array.from({ length: wave.start }, () => l.reserve("k", null)).filter((r) => r.allowed);
            if (failures < ACCOUNT_POLICY.free)
              expect(failures + batch.length).toBeLessThanOrEqual(ACCOUNT_POLICY.free);
            else expect(batch).toHaveLength(0); // locked (the clock does not move here)
            for (const r of batch) l.finish(r, wave.fail ? "failed" : "succeeded");
            failures = wave.fail ? failures + batch.length : 0;
          }
        },
      ),
    );
  });

  it("caps the wait and forgets failures after the window", () => {
    const c0 = clock();
    const k = new KeyedLimiter({ free: 1, baseDelayMs: 1_000, maxDelayMs: 5_000, windowMs: 60_000 }, c0.now);
    for (let i = 0; i < 10; i++) {
      k.reserve("x");
      k.finish("x", "failed");
    }
    expect(k.waitMs("x")).toBe(5_000);
    const c = clock();
    const w = new KeyedLimiter({ free: 3, baseDelayMs: 1_000, maxDelayMs: 5_000, windowMs: 60_000 }, c.now);
    for (const advance of [0, 0, 61_000]) {
      c.advance(advance);
      w.reserve("y");
      w.finish("y", "failed");
    }
    expect(w.waitMs("y")).toBe(0); // the earlier two had expired: this is failure 1 again
  });

  it("limits an address across many accounts, and a success does not clear the address", () => {
    const l = new LoginRateLimiter(clock().now);
    for (let i = 0; i < ADDRESS_POLICY.free - 1; i++) attempt(l, `name:user${i}`, "192.0.2.7", "failed");
    expect(attempt(l, "user:someone", "192.0.2.7", "succeeded").allowed).toBe(true);
    attempt(l, "name:last", "192.0.2.7", "failed");
    expect(l.reserve("user:another", "192.0.2.7")).toMatchObject({
      allowed: false,
      message: "Too many failed sign-in attempts from your address. Try again in 2 s.",
    });
    expect(l.reserve("user:another", "198.51.100.1").allowed).toBe(true);
  });

  it("a success clears the account's counter", () => {
    const l = new LoginRateLimiter(clock().now);
    for (let i = 0; i < ACCOUNT_POLICY.free - 1; i++) attempt(l, "user:bob", null, "failed");
    attempt(l, "user:bob", null, "succeeded");
    attempt(l, "user:bob", null, "failed");
    expect(l.check("user:bob", null).allowed).toBe(true);
  });
});
