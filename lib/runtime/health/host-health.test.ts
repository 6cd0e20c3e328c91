import { describe, expect, it } from "vitest";
import type { ConnectionFailure } from "../docker/failure";
import { isChange, nextHealth } from "./host-health";

const refused: ConnectionFailure = {
  step: "tcp",
  message: "10.0.0.5:2376 refused the connection",
  fix: "start dockerd",
  code: "ECONNREFUSED",
  timedOut: false,
};
const timedOut: ConnectionFailure = {
  step: "tcp",
  message: "no TCP answer from 10.0.0.5:2376 within 2000 ms",
  fix: "check the host",
  code: "ETIMEOUT",
  timedOut: true,
};

describe("host health transitions", () => {
  it("a first success makes the host reachable since then", () => {
    const health = nextHealth(undefined, { ok: true, rttMs: 3.2 }, 1000);
    expect(health).toEqual({ state: "reachable", rttMs: 3.2, lastSeenAt: 1000, since: 1000, checkedAt: 1000 });
    expect(isChange(undefined, health)).toBe(true);
  });

  it("keeps `since` while the state holds and reports no change for a new round-trip time", () => {
    const first = nextHealth(undefined, { ok: true, rttMs: 3 }, 1000);
    const second = nextHealth(first, { ok: true, rttMs: 9 }, 11_000);
    expect(second).toMatchObject({ since: 1000, lastSeenAt: 11_000, rttMs: 9 });
    expect(isChange(first, second)).toBe(false);
  });

  it("goes unreachable since the first failure, remembering when it was last seen", () => {
    const up = nextHealth(undefined, { ok: true, rttMs: 3 }, 1000);
    const down = nextHealth(up, { ok: false, failure: refused }, 11_000);
    expect(down).toEqual({
      state: "unreachable",
      failure: refused,
      lastSeenAt: 1000,
      since: 11_000,
      checkedAt: 11_000,
    });
    expect(isChange(up, down)).toBe(true);
    const stillDown = nextHealth(down, { ok: false, failure: refused }, 21_000);
    expect(stillDown).toMatchObject({ since: 11_000, lastSeenAt: 1000, checkedAt: 21_000 });
    expect(isChange(down, stillDown)).toBe(false);
    const otherError = nextHealth(stillDown, { ok: false, failure: timedOut }, 31_000);
    expect(isChange(stillDown, otherError)).toBe(true);
    expect(otherError.since).toBe(11_000);
  });

  it("a host never seen is unreachable with no last-seen time, and comes back reachable since its first answer", () => {
    const down = nextHealth(undefined, { ok: false, failure: refused }, 1000);
    expect(down).toMatchObject({ state: "unreachable", lastSeenAt: null, since: 1000 });
    const up = nextHealth(down, { ok: true, rttMs: 2 }, 11_000);
    expect(up).toMatchObject({ state: "reachable", since: 11_000 });
    expect(isChange(down, up)).toBe(true);
  });
});
