import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, ADDRESS_POLICY, KeyedLimiter, LoginRateLimiter } from "./rate-limit";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("login rate limiter", () => {
  it("locks an account after its free attempts, doubling the wait each time, with a readable message", () => {
    const c = clock();
    const l = new LoginRateLimiter(c.now);
    for (let i = 0; i <= ACCOUNT_POLICY.free; i++) {
      expect(l.check("Ada", "10.0.0.1").allowed).toBe(true);
      l.failed("Ada", "10.0.0.1");
    }
    const first = l.check("ada", "10.0.0.9");
    expect(first).toEqual({
      allowed: false,
      retryAfterMs: 2_000,
      message: "Too many failed sign-in attempts for this account. Try again in 2 s.",
    });
    c.advance(2_000);
    expect(l.check("ada", null).allowed).toBe(true);
    l.failed("ada", null);
    expect(l.check("ada", null)).toMatchObject({ allowed: false, retryAfterMs: 4_000 });
    c.advance(4_000);
    l.failed("ada", null);
    expect(l.check("ada", null)).toMatchObject({
      allowed: false,
      retryAfterMs: 8_000,
      message: expect.stringContaining("Try again in 8 s."),
    });
  });

  it("caps the wait and forgets failures after the window", () => {
    const k = new KeyedLimiter({ free: 0, baseDelayMs: 1_000, maxDelayMs: 5_000, windowMs: 60_000 }, clock().now);
    for (let i = 0; i < 10; i++) k.fail("x");
    expect(k.retryAfterMs("x")).toBe(5_000);
    const c = clock();
    const w = new KeyedLimiter({ free: 2, baseDelayMs: 1_000, maxDelayMs: 5_000, windowMs: 60_000 }, c.now);
    w.fail("y");
    w.fail("y");
    c.advance(61_000);
    w.fail("y");
    expect(w.retryAfterMs("y")).toBe(0); // the earlier two had expired: this is failure 1 again
  });

  it("limits an address across many accounts, and a success does not clear the address", () => {
    const c = clock();
    const l = new LoginRateLimiter(c.now);
    for (let i = 0; i < ADDRESS_POLICY.free; i++) l.failed(`user${i}`, "192.0.2.7"); // free failures: no lock yet
    expect(l.check("someone-new", "192.0.2.7").allowed).toBe(true);
    l.failed("someone-new", "192.0.2.7");
    l.succeeded("someone-new");
    const d = l.check("another", "192.0.2.7");
    expect(d).toMatchObject({
      allowed: false,
      message: "Too many failed sign-in attempts from your address. Try again in 2 s.",
    });
    expect(l.check("another", "198.51.100.1").allowed).toBe(true);
  });

  it("a success clears the account's counter", () => {
    const l = new LoginRateLimiter(clock().now);
    for (let i = 0; i < ACCOUNT_POLICY.free - 1; i++) l.failed("bob", null);
    l.succeeded("bob");
    l.failed("bob", null);
    expect(l.check("bob", null).allowed).toBe(true);
  });
});
