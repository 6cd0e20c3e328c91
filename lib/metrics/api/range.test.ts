import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_POINTS } from "../query-schema";
import { metricsQueryParamsSchema } from "./query-params";
import { type RANGE_PRESETS, rangeParamsSchema, resolveRange } from "./range";

const NOW = Date.UTC(2026, 0, 1, 12);

describe("resolveRange", () => {
  it("gives each preset about 120 points, never finer than the scrape interval", () => {
    const step = (range: keyof typeof RANGE_PRESETS, interval = 5000) =>
      resolveRange(rangeParamsSchema.parse({ range }), NOW, interval).stepMs;
    expect([step("5m"), step("1h"), step("6h"), step("24h")]).toEqual([5000, 30_000, 180_000, 720_000]);
    expect(step("5m", 1000)).toBe(3000);
    expect(resolveRange(rangeParamsSchema.parse({ range: "1h" }), NOW, 5000)).toEqual({
      startMs: NOW - 3_600_000,
      endMs: NOW,
      stepMs: 30_000,
    });
  });

  it("takes a custom range and step as given, and never passes Prometheus's point limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 1, max: 400 * 86_400_000 }),
        fc.option(fc.integer({ min: 1000, max: 3_600_000 }), { nil: undefined }),
        (start, span, step) => {
          const r = resolveRange(
            rangeParamsSchema.parse({ range: "custom", start, end: start + span, step }),
            NOW,
            5000,
          );
          expect(r.startMs).toBe(start);
          expect(r.endMs).toBe(start + span);
          expect((r.endMs - r.startMs) / r.stepMs + 1).toBeLessThanOrEqual(MAX_POINTS);
        },
      ),
    );
  });

  it("reads the URL's strings and names what is wrong", () => {
    const p = metricsQueryParamsSchema.parse({
      series: "gpu.power, gpu.temperature,gpu.power",
      range: "custom",
      start: "1000",
      end: "61000",
    });
    expect(p.series).toEqual(["gpu.power", "gpu.temperature"]);
    expect(p.start).toBe(1000);
    const bad = metricsQueryParamsSchema.safeParse({ series: "gpu.power", range: "custom", start: "5", end: "4" });
    expect(bad.error?.issues.map((i) => i.message)).toContain("end must be after start");
    const many = metricsQueryParamsSchema.safeParse({
      series: Array(33)
        .fill(0)
        .map((_, i) => (i % 2 ? "gpu.power" : `x${i}`))
        .join(","),
    });
    expect(many.success).toBe(false);
  });
});
