import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedSource } from "./embedded-source";
import { PrometheusSource } from "./prometheus-source";
import { seriesQuerySchema, type SeriesResult } from "./query-schema";
import { NAMED_SERIES_IDS, type NamedSeriesId } from "./series-catalog";
import { Scraper } from "./scrape/scraper";
import { SeriesStore } from "./store/series-store";
import { deadPort, startLoopbackServer, type LoopbackServer } from "./testing/loopback-server";
import { startPrometheus, type RunningPrometheus } from "./testing/prometheus-process";

const INTERVAL_MS = 1000;
/** An instance id that needs escaping in PromQL: a quote, a backslash, a brace. */
const INSTANCE = 'inst"a\\b}';
const T0 = Date.now();

/**
 * A vLLM-like target whose values depend only on the time of the request: a counter rising 10/s, histogram buckets
 * rising in fixed proportions (a constant quantile), a constant gauge, and a series written twice with two values.
 */
function exposition(): string {
  const s = (Date.now() - T0) / 1000;
  const n = 100 * s;
  return [
    "# TYPE vllm:generation_tokens_total counter",
    `vllm:generation_tokens_total{engine="0",model_name="m"} ${10 * s}`,
    "# TYPE vllm:kv_cache_usage_perc gauge",
    'vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.4',
    'vllm:num_requests_running{engine="0",model_name="m"} 7',
    'vllm:num_requests_running{engine="0",model_name="m"} 99',
    "# TYPE vllm:time_to_first_token_seconds histogram",
    `vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} ${0.2 * n}`,
    `vllm:time_to_first_token_seconds_bucket{engine="0",le="0.5",model_name="m"} ${0.8 * n}`,
    `vllm:time_to_first_token_seconds_bucket{engine="0",le="1",model_name="m"} ${n}`,
    `vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} ${n}`,
    `vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} ${n}`,
    `vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} ${0.3 * n}`,
    "",
  ].join("\n");
}

let target: LoopbackServer;
let prometheus: RunningPrometheus;
let scraper: Scraper;
let embedded: EmbeddedSource;
let external: PrometheusSource;
const labels = {
  fleetdeck_target: "vllm-1",
  fleetdeck_kind: "vllm",
  fleetdeck_instance: INSTANCE,
  fleetdeck_host: "h1",
};

beforeAll(async () => {
  target = await startLoopbackServer((_req, res) => res.end(exposition()));
  prometheus = await startPrometheus([{ address: `127.0.0.1:${target.port}`, labels }], INTERVAL_MS);
  const store = new SeriesStore();
  scraper = new Scraper({
    store,
    intervalMs: INTERVAL_MS,
    targets: () => [
      {
        id: "vllm-1",
        url: target.url,
        kind: "vllm",
        timeoutMs: 900,
        labels: { fleetdeck_instance: INSTANCE, fleetdeck_host: "h1" },
      },
    ],
  });
  await scraper.start();
  embedded = new EmbeddedSource(store, scraper);
  external = new PrometheusSource({ url: prometheus.url, scrapeIntervalMs: INTERVAL_MS, timeoutMs: 5000 });
  // Prometheus hands static targets to its scrape loops up to 5 s after start: wait for its first scrape, then
  // for enough scrapes to fill the 4 s rate window of both modes and the 4 steps compared.
  for (let i = 0; i < 150; i++) {
    const t = await external.targets();
    if (t.status === "ok" && t.targets[0]?.health === "up") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 9000));
}, 60_000);

afterAll(async () => {
  await scraper?.stop();
  await prometheus?.close();
  await target?.close();
});

const range = (series: NamedSeriesId) => {
  const end = Math.floor(Date.now() / 1000) * 1000 - 1000;
  return seriesQuerySchema.parse({
    series,
    selector: { instance: INSTANCE },
    range: { startMs: end - 3000, endMs: end, stepMs: 1000 },
  });
};
const values = (r: SeriesResult) => {
  if (r.status !== "ok") throw new Error(`unavailable: ${r.message}`);
  expect(r.data).toHaveLength(1);
  expect(r.data[0]!.labels).toEqual({ fleetdeck_instance: INSTANCE });
  return r.data[0]!.values;
};

describe("the same named series from Debian's Prometheus and from the embedded store", () => {
  it.each<[NamedSeriesId, number, number]>([
    ["instance.tokens.generation.rate", 10, 0.03],
    ["instance.ttft.p99", 0.5 + 0.5 * ((99 - 80) / 20), 0.01],
    ["instance.kv_cache.usage", 0.4, 0],
    ["instance.requests.running", 7, 0],
  ])("%s ≈ %d in both modes", async (series, expected, tolerance) => {
    const q = range(series);
    const [fromPrometheus, fromStore] = [values(await external.queryRange(q)), values(await embedded.queryRange(q))];
    for (const [i, v] of fromPrometheus.entries()) {
      expect(v).not.toBeNull();
      expect(fromStore[i]).not.toBeNull();
      expect(Math.abs(v! - expected)).toBeLessThanOrEqual(expected * tolerance + 1e-9);
      expect(Math.abs(fromStore[i]! - v!)).toBeLessThanOrEqual(expected * tolerance + 1e-9);
    }
  });

  it("keeps the first of a duplicated series, like Prometheus", async () => {
    const q = range("instance.requests.running");
    expect(values(await external.queryRange(q))).toEqual([7, 7, 7, 7]);
    expect(values(await embedded.queryRange(q))).toEqual([7, 7, 7, 7]);
  });

  it("every named series is PromQL that Prometheus 2.42 accepts", async () => {
    for (const series of NAMED_SERIES_IDS) {
      const r = await external.queryRange({ ...range(series), selector: { host: 'h"1\\', gpu: "0" } });
      expect(r.status === "ok" || r.message, series).toBe(true);
    }
  });

  it("lists Prometheus's targets with fleetdeck's labels", async () => {
    const t = await external.targets();
    expect(t.status === "ok" && t.targets[0]).toMatchObject({
      id: "vllm-1",
      kind: "vllm",
      health: "up",
      lastError: null,
    });
    const e = await embedded.targets();
    expect(e.status === "ok" && e.targets[0]).toMatchObject({ id: "vllm-1", health: "up" });
  });
});

describe("PrometheusSource when Prometheus cannot answer", () => {
  it("says unreachable, since when, without throwing", async () => {
    let now = 5000;
    const source = new PrometheusSource({ url: `http://127.0.0.1:${await deadPort()}`, now: () => now });
    const first = await source.queryRange(range("gpu.power"));
    now = 9000;
    const second = await source.queryRange(range("gpu.power"));
    expect(first).toMatchObject({ status: "unavailable", reason: "prometheus-unreachable", sinceMs: 5000 });
    expect(second).toMatchObject({ status: "unavailable", sinceMs: 5000 });
    expect(first.status === "unavailable" && first.message).toMatch(/is unreachable \(ECONNREFUSED\)/);
  });

  it("says timed out when Prometheus does not answer in time, and bad response for a non-Prometheus server", async () => {
    const silent = await startLoopbackServer(() => {});
    const html = await startLoopbackServer((_req, res) => res.end("<html>proxy login</html>"));
    try {
      const slow = await new PrometheusSource({ url: `http://127.0.0.1:${silent.port}`, timeoutMs: 200 }).queryRange(
        range("gpu.power"),
      );
      expect(slow).toMatchObject({ status: "unavailable", reason: "prometheus-timeout" });
      const wrong = await new PrometheusSource({ url: `http://127.0.0.1:${html.port}` }).targets();
      expect(wrong).toMatchObject({ status: "unavailable", reason: "prometheus-bad-response" });
    } finally {
      await silent.close();
      await html.close();
    }
  });
});
