import { describe, expect, it } from "vitest";
import { createMetricsBackend } from "./create-metrics-source";
import { seriesQuerySchema } from "./query-schema";
import { startLoopbackServer } from "./testing/loopback-server";

describe("createMetricsBackend", () => {
  it("answers from Prometheus when PROMETHEUS_URL is set, with no embedded scraper", async () => {
    const backend = createMetricsBackend({ prometheusUrl: "http://127.0.0.1:9", targets: () => [] });
    expect(backend.source.mode).toBe("prometheus");
    expect(backend.embedded).toBeNull();
  });

  it("scrapes the given targets into its own store otherwise, behind the same interface", async () => {
    const target = await startLoopbackServer((_req, res) => res.end('vllm:num_requests_waiting{engine="0"} 3\n'));
    const backend = createMetricsBackend({
      targets: () => [
        { id: "e1", url: target.url, kind: "vllm", timeoutMs: 1000, labels: { fleetdeck_instance: "i1" } },
      ],
      store: { maxBytes: 8 * 1024 * 1024 },
    });
    try {
      await backend.start();
      await backend.embedded!.scraper.scrapeAll();
      const now = Date.now();
      const r = await backend.source.queryRange(
        seriesQuerySchema.parse({
          series: "instance.requests.waiting",
          range: { startMs: now, endMs: now, stepMs: 1000 },
        }),
      );
      expect(r).toMatchObject({ status: "ok", data: [{ labels: { fleetdeck_instance: "i1" }, values: [3] }] });
      const t = await backend.source.targets();
      expect(t.status === "ok" && t.store?.maxBytes).toBe(8 * 1024 * 1024);
    } finally {
      await backend.stop();
      await target.close();
    }
  });
});
