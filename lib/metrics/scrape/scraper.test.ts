import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_TYPE, SCRAPE_ACCEPT_HEADER } from "../exposition/content-type";
import { seriesQuerySchema } from "../query-schema";
import { queryStore } from "../query-store";
import { SeriesStore } from "../store/series-store";
import { deadPort, startLoopbackServer, type LoopbackServer } from "../testing/loopback-server";
import { Scraper } from "./scraper";

let scrapeNo = 0;
const servers: LoopbackServer[] = [];
let good: LoopbackServer,
  openMetrics: LoopbackServer,
  slow: LoopbackServer,
  garbage: LoopbackServer,
  failing: LoopbackServer,
  changing: LoopbackServer;
let dead: number;
const releaseSlow: (() => void)[] = [];

beforeAll(async () => {
  good = await startLoopbackServer((_req, res) => {
    res.setHeader("Content-Type", CONTENT_TYPE["prometheus-text"]);
    res.end(
      `# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{engine="0",model_name="m"} ${++scrapeNo}\n`,
    );
  });
  openMetrics = await startLoopbackServer((_req, res) => {
    res.setHeader("Content-Type", CONTENT_TYPE.openmetrics);
    res.end('# TYPE vllm:kv_cache_usage_perc gauge\nvllm:kv_cache_usage_perc{engine="0"} 0.5\n# EOF\n');
  });
  slow = await startLoopbackServer((_req, res) => void releaseSlow.push(() => res.end("late 1\n")));
  garbage = await startLoopbackServer((_req, res) => res.end("<html>not metrics</html>\n"));
  failing = await startLoopbackServer((_req, res) => {
    res.statusCode = 503;
    res.end("overloaded");
  });
  let changingScrapes = 0;
  changing = await startLoopbackServer((_req, res) =>
    res.end(
      ++changingScrapes === 1
        ? "vllm:num_requests_waiting 4\nold_series 1\n"
        : "vllm:num_requests_waiting 5\nnew_series 1\n",
    ),
  );
  servers.push(good, openMetrics, slow, garbage, failing, changing);
  dead = await deadPort();
});
afterAll(async () => {
  for (const r of releaseSlow) r();
  await Promise.all(servers.map((s) => s.close()));
});

const target = (id: string, url: string, timeoutMs = 2000) => ({
  id,
  url,
  kind: "vllm" as const,
  timeoutMs,
  labels: { fleetdeck_instance: id },
});

describe("Scraper against real loopback servers", () => {
  it("records up, samples and format for healthy targets and a typed error for each broken one", async () => {
    const store = new SeriesStore();
    const scraper = new Scraper({
      store,
      targets: () => [
        target("good", good.url),
        target("om", openMetrics.url),
        target("slow", slow.url, 300),
        target("dead", `http://127.0.0.1:${dead}/metrics`),
        target("garbage", garbage.url),
        target("failing", failing.url),
      ],
    });
    await scraper.syncTargets();
    await scraper.scrapeAll();
    const s = Object.fromEntries(scraper.states().map((st) => [st.id, st]));
    expect(s.good).toMatchObject({
      health: "up",
      lastSamples: 1,
      lastFormat: "prometheus-text",
      lastError: null,
      downSinceMs: null,
    });
    expect(s.om).toMatchObject({ health: "up", lastFormat: "openmetrics" });
    expect(s.slow).toMatchObject({ health: "down", lastError: "timed out after 300 ms" });
    expect(s.dead).toMatchObject({ health: "down", lastError: `connection refused (127.0.0.1:${dead})` });
    expect(s.garbage!.lastError).toMatch(
      /^unparsable metrics: line 1, column 1: expected a metric name or "#", found "<html>not/,
    );
    expect(s.failing).toMatchObject({ health: "down", lastError: "HTTP 503 Service Unavailable" });
    expect(s.dead!.downSinceMs).toBe(s.dead!.lastScrapeMs);
    expect(good.accepts.at(-1)).toBe(SCRAPE_ACCEPT_HEADER);
    const up = store.select("up", []).map((series) => [series.labels.fleetdeck_target, series.lastValue]);
    expect(Object.fromEntries(up)).toEqual({ good: 1, om: 1, slow: 0, dead: 0, garbage: 0, failing: 0 });
  });

  it("finishes a fast target's scrape while a slow target's is still waiting", async () => {
    const store = new SeriesStore();
    const scraper = new Scraper({ store, targets: () => [target("slow", slow.url, 5000), target("good", good.url)] });
    await scraper.syncTargets();
    const all = scraper.scrapeAll();
    while (scraper.states().find((st) => st.id === "good")!.health !== "up")
      await new Promise((r) => setTimeout(r, 10));
    expect(scraper.states().find((st) => st.id === "slow")!.health).toBe("unknown");
    for (const r of releaseSlow) r();
    await all;
    expect(scraper.states().find((st) => st.id === "slow")!.health).toBe("up");
  });

  it("marks series stale when a target stops exposing them, and all of them when the target is removed", async () => {
    const store = new SeriesStore();
    let targets = [target("changing", changing.url)];
    const scraper = new Scraper({ store, targets: () => targets });
    await scraper.syncTargets();
    await scraper.scrapeAll();
    await scraper.scrapeAll();
    expect(store.select("old_series", [])[0]!.lastStale).toBe(true);
    expect(store.select("new_series", [])[0]!.lastStale).toBe(false);
    targets = [];
    await scraper.syncTargets();
    expect(scraper.states()).toEqual([]);
    expect(store.select("new_series", [])[0]!.lastStale).toBe(true);
    const waiting = store.select("vllm:num_requests_waiting", [])[0]!;
    const q = seriesQuerySchema.parse({
      series: "instance.requests.waiting",
      range: { startMs: waiting.lastT + 1000, endMs: waiting.lastT + 1000, stepMs: 1000 },
    });
    expect(queryStore(store, q, 5000).data).toEqual([]);
  });

  it("scrapes on its own timers once started, and reports invalid targets without stopping", async () => {
    const store = new SeriesStore();
    const scraper = new Scraper({
      store,
      intervalMs: 200,
      targets: () => [
        target("good", good.url),
        { id: "x", url: "ftp://nope", kind: "vllm", timeoutMs: 10, labels: {} },
      ],
    });
    await scraper.start();
    while ((scraper.states()[0]?.scrapes ?? 0) < 3) await new Promise((r) => setTimeout(r, 20));
    await scraper.stop();
    expect(scraper.states()).toHaveLength(1);
    expect(scraper.invalidTargets[0]!.error).toMatch(
      /url: target url must be an http:\/\/ or https:\/\/ URL.*timeoutMs: target timeoutMs must be at least 100/,
    );
  });
});
