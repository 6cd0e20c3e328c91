import { describe, expect, it } from "vitest";
import { scanExposition } from "./exposition/scanner";
import { seriesQuerySchema, type SeriesQueryInput } from "./query-schema";
import { queryStore } from "./query-store";
import { SeriesStore } from "./store/series-store";
import { TargetAppender } from "./store/target-appender";

const T0 = 1_700_000_000_000;
const STEP = 5000;

/** Scrapes `render(i)` for targets every 5 s for `n` scrapes. */
function fill(targets: { labels: Record<string, string>; render: (i: number) => string }[], n: number) {
  const store = new SeriesStore();
  const appenders = targets.map((t) => new TargetAppender(store, t.labels));
  for (let i = 0; i < n; i++) {
    targets.forEach((t, k) => {
      appenders[k]!.begin(T0 + i * STEP);
      scanExposition(t.render(i), "prometheus-text", appenders[k]!);
      appenders[k]!.commit();
    });
  }
  return Object.assign(store, { appenders });
}

const vllm = (instance: string, tokensPerScrape: number, kvName = "vllm:kv_cache_usage_perc") => ({
  labels: {
    fleetdeck_target: `${instance}-engine`,
    fleetdeck_kind: "vllm",
    fleetdeck_instance: instance,
    fleetdeck_host: "h1",
  },
  render: (i: number) =>
    `${[
      `${kvName}{engine="0",model_name="m"} 0.25`,
      `vllm:generation_tokens_total{engine="0",model_name="m"} ${i * tokensPerScrape}`,
      // every scrape adds 10 observations: 2 ≤ 0.1 s, 6 in (0.1, 0.5], 2 in (0.5, 1]
      `vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} ${i * 2}`,
      `vllm:time_to_first_token_seconds_bucket{engine="0",le="0.5",model_name="m"} ${i * 8}`,
      `vllm:time_to_first_token_seconds_bucket{engine="0",le="1.0",model_name="m"} ${i * 10}`,
      `vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} ${i * 10}`,
    ].join("\n")}\n`,
});
const dcgm = {
  labels: { fleetdeck_target: "h1-gpus", fleetdeck_kind: "gpu-exporter", fleetdeck_host: "h1" },
  render: () =>
    'DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a"} 20000\nDCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-a"} 60000\nDCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-b"} 100\nDCGM_FI_DEV_FB_FREE{gpu="1",UUID="GPU-b"} 79900\n',
};
const node = {
  labels: { fleetdeck_target: "h1-node", fleetdeck_kind: "node-exporter", fleetdeck_host: "h1" },
  // two CPUs, each idle 0.25 s per second → busy 75 %
  render: (i: number) =>
    `node_cpu_seconds_total{cpu="0",mode="idle"} ${i * 1.25}\nnode_cpu_seconds_total{cpu="1",mode="idle"} ${i * 1.25}\nnode_cpu_seconds_total{cpu="0",mode="user"} ${i * 3.75}\n`,
};

const query = (input: Omit<SeriesQueryInput, "range">, from = 60, to = 100) =>
  seriesQuerySchema.parse({ ...input, range: { startMs: T0 + from * STEP, endMs: T0 + to * STEP, stepMs: STEP } });

describe("queryStore: named series over the embedded store", () => {
  const store = fill([vllm("a", 100), vllm("b", 50, "vllm:gpu_cache_usage_perc"), dcgm, node], 120);

  it("turns counters into per-second rates per instance", () => {
    const r = queryStore(store, query({ series: "instance.tokens.generation.rate" }), STEP);
    const byInstance: Record<string, (number | null)[]> = Object.fromEntries(
      r.data.map((d) => [d.labels.fleetdeck_instance!, d.values]),
    );
    expect(byInstance.a!.every((v) => v !== null && Math.abs(v - 20) < 1e-9)).toBe(true);
    expect(byInstance.b!.every((v) => v !== null && Math.abs(v - 10) < 1e-9)).toBe(true);
  });

  it("turns histogram buckets into quantiles (rank 99 of 100 lies in the 0.5–1 s bucket)", () => {
    const r = queryStore(store, query({ series: "instance.ttft.p99", selector: { instance: "a" } }), STEP);
    expect(r.data).toHaveLength(1);
    expect(r.data[0]!.values[10]).toBeCloseTo(0.5 + 0.5 * ((99 - 80) / 20), 9);
    expect(r.unit).toBe("seconds");
  });

  it("falls back to vLLM's older KV-cache metric name", () => {
    const r = queryStore(store, query({ series: "instance.kv_cache.usage" }), STEP);
    expect(r.data.map((d) => [d.labels.fleetdeck_instance, d.values[0]]).sort()).toEqual([
      ["a", 0.25],
      ["b", 0.25],
    ]);
  });

  it("converts dcgm-exporter MiB to bytes, one line per GPU of the host", () => {
    const r = queryStore(store, query({ series: "gpu.memory.used", selector: { host: "h1" } }), STEP);
    const byGpu = Object.fromEntries(r.data.map((d) => [d.labels.gpu, d.values[0]]));
    expect(byGpu).toEqual({ "0": 20000 * 1048576, "1": 100 * 1048576 });
    const ratio = queryStore(store, query({ series: "gpu.memory.used_ratio", selector: { gpu: "0" } }), STEP);
    expect(ratio.data[0]!.values[0]).toBeCloseTo(0.25, 12);
  });

  it("computes CPU busy as one minus the idle rate averaged over CPUs", () => {
    const r = queryStore(store, query({ series: "host.cpu.busy" }), STEP);
    expect(r.data[0]!.labels).toEqual({ fleetdeck_host: "h1" });
    expect(r.data[0]!.values[5]).toBeCloseTo(0.75, 9);
  });

  it("answers no value before the data starts and after a target stops (staleness)", () => {
    const r = queryStore(store, query({ series: "instance.kv_cache.usage", selector: { instance: "a" } }, -5, 0), STEP);
    expect(r.data[0]!.values).toEqual([null, null, null, null, null, 0.25]);
    const stopped = fill([vllm("a", 100)], 10);
    const appender = stopped.appenders[0]!;
    appender.begin(T0 + 10 * STEP);
    appender.fail();
    const after = queryStore(stopped, query({ series: "instance.kv_cache.usage" }, 8, 12), STEP);
    expect(after.data[0]!.values).toEqual([0.25, 0.25, null, null, null]);
  });

  it("refuses bad query shapes with the field and the fix", () => {
    const bad = seriesQuerySchema.safeParse({
      series: "gpu.memory.usedd",
      range: { startMs: 0, endMs: 1, stepMs: 1000 },
    });
    expect(bad.success || bad.error.issues[0]!.message).toMatch(
      /series must be one of the named series \(got "gpu.memory.usedd"\)/,
    );
    const tooMany = seriesQuerySchema.safeParse({
      series: "gpu.power",
      range: { startMs: 0, endMs: 86_400_000, stepMs: 1000 },
    });
    expect(tooMany.success || tooMany.error.issues[0]!.message).toMatch(/more than 11000 steps/);
    const raw = seriesQuerySchema.safeParse({
      series: "gpu.power",
      selector: { promql: "up" },
      range: { startMs: 0, endMs: 0, stepMs: 1000 },
    });
    expect(raw.success).toBe(false);
  });
});
