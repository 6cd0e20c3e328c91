import { describe, expect, it } from "vitest";
import { bucketQuantile } from "./histogram-quantile";

const h = (...pairs: [number, number][]) => pairs.map(([upperBound, count]) => ({ upperBound, count }));

describe("histogram_quantile (Prometheus 2.x bucketQuantile)", () => {
  const buckets = h([0.1, 10], [0.5, 60], [1, 90], [Infinity, 100]);

  it("interpolates linearly inside the bucket that holds the rank", () => {
    expect(bucketQuantile(0.5, buckets)).toBeCloseTo(0.1 + 0.4 * (40 / 50), 12);
    expect(bucketQuantile(0.05, buckets)).toBeCloseTo(0.05, 12); // first bucket starts at 0
  });

  it("answers the highest finite bound when the rank falls in +Inf", () => {
    expect(bucketQuantile(0.99, buckets)).toBe(1);
  });

  it("is NaN without a +Inf bucket, without observations or with one bucket", () => {
    expect(bucketQuantile(0.5, h([0.1, 1], [1, 2]))).toBeNaN();
    expect(bucketQuantile(0.5, h([0.1, 0], [Infinity, 0]))).toBeNaN();
    expect(bucketQuantile(0.5, h([Infinity, 3]))).toBeNaN();
  });

  it("sorts buckets, adds equal bounds and makes counts monotonic", () => {
    expect(bucketQuantile(0.5, h([Infinity, 100], [1, 90], [0.5, 30], [0.5, 30], [0.1, 10]))).toBeCloseTo(
      bucketQuantile(0.5, buckets),
      12,
    );
    expect(bucketQuantile(0.5, h([0.1, 10], [0.5, 5], [Infinity, 10]))).toBeCloseTo(0.05, 12);
  });

  it("returns the first bound when it is not above zero, and ±Inf outside [0, 1]", () => {
    expect(bucketQuantile(0.1, h([-1, 5], [0, 10], [Infinity, 10]))).toBe(-1);
    expect(bucketQuantile(-0.1, buckets)).toBe(-Infinity);
    expect(bucketQuantile(1.5, buckets)).toBe(Infinity);
  });
});
