import { describe, expect, it } from "vitest";
import { goFloat, Histogram } from "./text";

describe("Prometheus text in prometheus_client's and metrics-exporter-prometheus's forms", () => {
  it("prints floats like prometheus_client's floatToGoString", () => {
    expect(goFloat(0)).toBe("0.0");
    expect(goFloat(3)).toBe("3.0");
    expect(goFloat(0.25)).toBe("0.25");
    expect(goFloat(Infinity)).toBe("+Inf");
    expect(goFloat(1_764_628_000.125)).toBe("1.764628000125e+09");
    expect(goFloat(1234567)).toBe("1.234567e+06");
    expect(goFloat(2e-7)).toBe("2e-07");
  });

  it("keeps cumulative buckets, +Inf, _count and _sum", () => {
    const h = new Histogram([0.1, 1]);
    for (const v of [0.05, 0.5, 5]) h.observe(v);
    expect(h.lines("python", "x", [["engine", "0"]])).toEqual([
      'x_bucket{engine="0",le="0.1"} 1.0',
      'x_bucket{engine="0",le="1.0"} 2.0',
      'x_bucket{engine="0",le="+Inf"} 3.0',
      'x_count{engine="0"} 3.0',
      'x_sum{engine="0"} 5.55',
    ]);
    expect(h.lines("rust", "y", [])).toEqual([
      'y_bucket{le="0.1"} 1',
      'y_bucket{le="1"} 2',
      'y_bucket{le="+Inf"} 3',
      "y_sum 5.55",
      "y_count 3",
    ]);
  });
});
