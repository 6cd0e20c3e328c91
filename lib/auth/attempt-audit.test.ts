import { describe, expect, it } from "vitest";
import { AttemptAggregator } from "./attempt-audit";

describe("sign-in attempt aggregation", () => {
  const target = { targetType: "user", targetId: "u1", targetLabel: "ada" };

  it("writes one row per action, account, address and minute, with the count", async () => {
    let t = Date.UTC(2026, 0, 1, 12, 0, 10);
    const rows: { action: string; ip: string | null; attempts: number }[] = [];
    const agg = new AttemptAggregator(
      async (b) => void rows.push({ action: b.action, ip: b.ip, attempts: b.attempts }),
      () => t,
    );
    for (let i = 0; i < 30; i++) agg.record("auth.sign-in-failed", target, "192.0.2.1");
    agg.record("auth.sign-in-failed", target, "192.0.2.2");
    agg.record("auth.sign-in-throttled", target, "192.0.2.1");
    t += 60_000; // the next minute
    agg.record("auth.sign-in-failed", target, "192.0.2.1");
    await agg.flush(false); // only the minute that ended
    expect(rows).toEqual([
      { action: "auth.sign-in-failed", ip: "192.0.2.1", attempts: 30 },
      { action: "auth.sign-in-failed", ip: "192.0.2.2", attempts: 1 },
      { action: "auth.sign-in-throttled", ip: "192.0.2.1", attempts: 1 },
    ]);
    expect(agg.pending).toBe(1);
    await agg.flush();
    expect(rows.at(-1)).toEqual({ action: "auth.sign-in-failed", ip: "192.0.2.1", attempts: 1 });
    expect(agg.pending).toBe(0);
  });
});
