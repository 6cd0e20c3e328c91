import { describe, expect, it } from "vitest";
import type { SeriesSamples } from "../store/series";
import { rates } from "./rate";

const samples = (points: [number, number][], staleAt: number[] = []): SeriesSamples => ({
  t: Float64Array.from(points, ([s]) => s * 1000),
  v: Float64Array.from(points, ([, v]) => v),
  stale: staleAt.length ? Uint8Array.from(points, ([s]) => (staleAt.includes(s) ? 1 : 0)) : null,
});
const at = (...seconds: number[]) => Float64Array.from(seconds, (s) => s * 1000);

describe("rate (Prometheus 2.x extrapolatedRate)", () => {
  it("is exact for a steady counter sampled on the step grid", () => {
    const s = samples(Array.from({ length: 13 }, (_, i) => [i * 5, i * 50] as [number, number]));
    expect(Array.from(rates(s, at(20, 40, 60), 20_000))).toEqual([10, 10, 10]);
  });

  it("extrapolates to the window start only as far as 1.1 sample intervals, and to the end by half an interval beyond that", () => {
    // window [0, 20]: samples at 3, 8, 13 s → increase 20 over 10 s; start gap 3 s (< 5.5), end gap 7 s (≥ 5.5 → 2.5)
    // extrapolated interval 10 + 3 + 2.5 = 15.5 s → increase 31 → 1.55 / s
    expect(
      rates(
        samples([
          [3, 10],
          [8, 20],
          [13, 30],
        ]),
        at(20),
        20_000,
      )[0],
    ).toBeCloseTo(1.55, 12);
  });

  it("does not extrapolate below zero for a counter that starts in the window", () => {
    // samples at 10, 15, 20 with values 1, 6, 11: zero would be reached 1 s before the first sample, not 10 s
    // interval 10 + 1 (to zero) + 0 (end) = 11 → increase 10 × 11 / 10 = 11 → 0.55 / s over 20 s
    expect(
      rates(
        samples([
          [10, 1],
          [15, 6],
          [20, 11],
        ]),
        at(20),
        20_000,
      )[0],
    ).toBeCloseTo(0.55, 12);
  });

  it("adds the value before a decrease (a counter reset)", () => {
    // 100 → 110 → reset → 5 → 15: increase 10 + 110 - 100... = (15 - 100) + 110 = 25 over 15 s; ends on the window
    expect(
      rates(
        samples([
          [5, 100],
          [10, 110],
          [15, 5],
          [20, 15],
        ]),
        at(20),
        15_000,
      )[0],
    ).toBeCloseTo(25 / 15, 12);
  });

  it("needs two samples in the window and skips staleness markers", () => {
    expect(Number.isNaN(rates(samples([[19, 5]]), at(20), 20_000)[0]!)).toBe(true);
    expect(
      Number.isNaN(
        rates(
          samples(
            [
              [10, 5],
              [19, NaN],
            ],
            [19],
          ),
          at(20),
          20_000,
        )[0]!,
      ),
    ).toBe(true);
  });
});
