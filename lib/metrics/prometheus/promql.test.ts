import { describe, expect, it } from "vitest";
import { NAMED_SERIES_IDS } from "../series-catalog";
import { namedSeriesPromql, promqlString } from "./promql";

describe("named series as PromQL", () => {
  it("renders a quantile with the selector, the source kind and the window", () => {
    expect(namedSeriesPromql("instance.ttft.p99", { instance: "a" }, 20_000)).toBe(
      '(histogram_quantile(0.99, sum by (le, fleetdeck_instance) (rate(vllm:time_to_first_token_seconds_bucket{fleetdeck_kind="vllm",fleetdeck_instance="a"}[20000ms]))))',
    );
  });

  it("joins a source's alternatives and the sources with `or`", () => {
    const q = namedSeriesPromql("instance.kv_cache.usage", {}, 20_000);
    expect(q.split(" or ")).toHaveLength(3);
    expect(q).toContain('avg by (fleetdeck_instance) (vllm:kv_cache_usage_perc{fleetdeck_kind="vllm"})');
    expect(q).toContain(
      '(sum by (fleetdeck_instance) (tgi_batch_current_max_tokens{fleetdeck_kind="tgi"})) / (sum by (fleetdeck_instance) (tgi_batch_max_total_tokens{fleetdeck_kind="tgi"}))',
    );
  });

  it("renders unit conversions and 1 − x", () => {
    expect(namedSeriesPromql("gpu.memory.used", { host: "h", gpu: "0" }, 20_000)).toBe(
      '((max by (fleetdeck_host, gpu) (DCGM_FI_DEV_FB_USED{fleetdeck_kind="gpu-exporter",fleetdeck_host="h",gpu="0"})) * 1048576)',
    );
    expect(namedSeriesPromql("host.cpu.busy", {}, 20_000)).toBe(
      '((avg by (fleetdeck_host) (rate(node_cpu_seconds_total{fleetdeck_kind="node-exporter",mode="idle"}[20000ms]))) * -1 + 1)',
    );
  });

  it("keeps a hostile selector value inside its string literal", () => {
    expect(promqlString('x"} or vector(1) or {a="\\')).toBe('"x\\"} or vector(1) or {a=\\"\\\\"');
    const q = namedSeriesPromql("gpu.power", { host: '"} or up or {"' }, 20_000);
    expect(q).toContain('fleetdeck_host="\\"} or up or {\\""');
  });

  it("renders every named series", () => {
    for (const id of NAMED_SERIES_IDS) expect(namedSeriesPromql(id, {}, 20_000).length).toBeGreaterThan(10);
  });
});
