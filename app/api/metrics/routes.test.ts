import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, tokenHeaders, useTestDatabase } from "@/lib/auth/testing/test-users";
import type { MetricsQueryResponse, TargetsResponse } from "@/lib/metrics/api/responses";
import { deadPort, type LoopbackServer, startLoopbackServer } from "@/lib/metrics/testing/loopback-server";
import type { SeededFleet } from "@/lib/metrics/testing/seed-fleet";
import type { HttpSdGroup } from "@/lib/metrics/targets/prometheus-sd";

/**
 * The metrics routes as a browser and a script call them: real SQLite, real sessions and tokens, a real embedded
 * scraper scraping real HTTP targets (loopback servers speaking vLLM's and dcgm-exporter's text), and a Prometheus
 * URL nobody answers.
 */

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<string, Handler> = {};
let viewer: Headers;
let readToken: Headers;
let writeOnlyToken: Headers;
let fleet: SeededFleet;
let engine: LoopbackServer;
let exporter: LoopbackServer;
let tokens = 0;
const dir = mkdtempSync(join(tmpdir(), "fleetdeck-metrics-routes-"));
const targetsFile = join(dir, "metrics-targets.json");

async function call(path: string, headers: Headers, params: Record<string, string> = {}) {
  const url = new URL(path, "http://localhost:3000");
  const route = Object.entries(routes).find(([prefix]) => url.pathname === prefix)?.[1];
  if (!route) throw new Error(`no route for ${url.pathname}`);
  const res = await route(new Request(url, { headers }), { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
  await useTestDatabase();
  engine = await startLoopbackServer((_req, res) => {
    tokens += 40;
    res.end(
      [
        "# TYPE vllm:num_requests_running gauge",
        'vllm:num_requests_running{engine="0",model_name="qwen"} 3',
        "# TYPE vllm:kv_cache_usage_perc gauge",
        'vllm:kv_cache_usage_perc{engine="0",model_name="qwen"} 0.25',
        "# TYPE vllm:generation_tokens_total counter",
        `vllm:generation_tokens_total{engine="0",model_name="qwen"} ${tokens}`,
        "",
      ].join("\n"),
    );
  });
  exporter = await startLoopbackServer((_req, res) =>
    res.end(
      [
        "# TYPE DCGM_FI_DEV_FB_USED gauge",
        'DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",modelName="NVIDIA GeForce RTX 4090 D",Hostname="h"} 21000',
        'DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-b",modelName="NVIDIA GeForce RTX 4090 D",Hostname="h"} 0',
        "",
      ].join("\n"),
    ),
  );
  const { seedFleet } = await import("@/lib/metrics/testing/seed-fleet");
  const gpu = { gpuId: "rtx-4090d", gpuName: "NVIDIA GeForce RTX 4090 D", gpuMemoryBytes: 24_564 * 2 ** 20 };
  fleet = await seedFleet(
    "routes",
    [
      { name: "host-a", labels: { team: "a" }, gpuCount: 2, ...gpu },
      { name: "host-b", labels: { team: "b" }, gpuCount: 1, ...gpu },
    ],
    [
      { key: "qwen-a", engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", host: "host-a", gpus: [0] },
      { key: "qwen-b", engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", host: "host-b", gpus: [0] },
    ],
  );
  writeFileSync(
    targetsFile,
    JSON.stringify({
      instances: [
        { instanceId: fleet.instanceIds["qwen-a"], endpoint: `http://127.0.0.1:${engine.port}` },
        { instanceId: fleet.instanceIds["qwen-b"], endpoint: `http://127.0.0.1:${await deadPort()}` },
      ],
      hosts: [{ hostId: fleet.hostIds["host-a"], gpuExporterUrl: exporter.url }],
    }),
  );
  const { MetricsService } = await import("@/lib/metrics/service/metrics-service");
  const { metricsQueries } = await import("@/lib/queries/metrics/metrics-queries");
  const holder = await import("@/lib/metrics/service/metrics-service-holder");
  await holder.startMetricsService(
    () =>
      new MetricsService({
        intervalMs: 1000,
        readInventory: metricsQueries().loadInventory,
        staticTargetsFile: targetsFile,
      }),
  );
  const service = await holder.metricsService();
  for (let i = 0; i < 3; i++) {
    await service.backend.embedded!.scraper.scrapeAll();
    await new Promise((r) => setTimeout(r, 1100));
  }
  routes["/api/metrics/query"] = (await import("./query/route")).GET;
  routes["/api/metrics/targets"] = (await import("./targets/route")).GET;
  routes["/api/metrics/series"] = (await import("./series/route")).GET;
  routes["/api/prometheus/sd"] = (await import("../prometheus/sd/route")).GET;
  routes["/api/v1/instances/metrics"] = (await import("../v1/instances/[instanceId]/metrics/route")).GET;
  await makeUser("admin");
  viewer = await sessionHeaders(await makeUser("viewer"));
  const operator = await makeUser("operator", ["team=a"]);
  readToken = (await tokenHeaders(operator.id, ["read"])).headers;
  writeOnlyToken = (await tokenHeaders(operator.id, ["write"])).headers;
}, 60_000);

afterAll(async () => {
  const holder = await import("@/lib/metrics/service/metrics-service-holder");
  await holder.stopMetricsService();
  await engine?.close();
  await exporter?.close();
});

describe("GET /api/metrics/query", () => {
  it("answers named series for the fleet, one result per series, with the scraped values", async () => {
    const { status, body } = await call(
      "/api/metrics/query?series=instance.requests.running,instance.kv_cache.usage,instance.tokens.generation.rate,gpu.memory.used&range=5m",
      viewer,
    );
    expect(status).toBe(200);
    const r = body as MetricsQueryResponse;
    expect(r.mode).toBe("embedded");
    // about 120 points, whole seconds, never under the scrape interval (1 s here)
    expect(r.range.stepMs).toBe(3000);
    expect(r.range.endMs - r.range.startMs).toBe(300_000);
    expect(r.results.map((x) => x.series)).toEqual([
      "instance.requests.running",
      "instance.kv_cache.usage",
      "instance.tokens.generation.rate",
      "gpu.memory.used",
    ]);
    const last = (i: number) => {
      const res = r.results[i]!;
      if (res.status !== "ok") throw new Error(`series ${res.series} unavailable`);
      return res.data.map((d) => ({ labels: d.labels, last: d.values.findLast((v) => v !== null) }));
    };
    expect(last(0)).toEqual([{ labels: { fleetdeck_instance: fleet.instanceIds["qwen-a"] }, last: 3 }]);
    expect(last(1)).toEqual([{ labels: { fleetdeck_instance: fleet.instanceIds["qwen-a"] }, last: 0.25 }]);
    // 40 tokens a scrape, a scrape a second (the test scrapes by hand): a positive rate
    expect(last(2)[0]!.last).toBeGreaterThan(0);
    expect(last(3)).toContainEqual({
      labels: { fleetdeck_host: fleet.hostIds["host-a"], gpu: "0" },
      last: 21000 * 2 ** 20,
    });
    // the dead engine of qwen-b is reported down, with its error and since when
    expect(r.down).toEqual([
      expect.objectContaining({
        id: `instance/${fleet.instanceIds["qwen-b"]}/0`,
        kind: "vllm",
        instanceId: fleet.instanceIds["qwen-b"],
        downSinceMs: expect.any(Number),
        lastError: expect.stringMatching(/ECONNREFUSED|refused/i),
      }),
    ]);
  });

  it("narrows to one instance, and says so when it does not exist", async () => {
    const one = await call(
      `/api/metrics/query?series=instance.requests.running&instance=${fleet.instanceIds["qwen-b"]}`,
      viewer,
    );
    expect(one.status).toBe(200);
    const r = one.body as MetricsQueryResponse;
    expect(r.results[0]).toMatchObject({ status: "ok", data: [] });
    expect(r.down.map((d) => d.instanceId)).toEqual([fleet.instanceIds["qwen-b"]]);
    const missing = await call("/api/metrics/query?series=instance.requests.running&instance=nope", viewer);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: expect.stringContaining("no instance with id nope") });
  });

  it("refuses raw PromQL, unknown series and bad ranges with the field named", async () => {
    const promql = await call(`/api/metrics/query?series=${encodeURIComponent("sum(rate(x[5m]))")}`, viewer);
    expect(promql.status).toBe(422);
    expect(JSON.stringify(promql.body)).toContain('\\"sum(rate(x[5m]))\\" is not a named series');
    const range = await call("/api/metrics/query?series=gpu.power&range=2d", viewer);
    expect(range.status).toBe(422);
    expect(JSON.stringify(range.body)).toContain("range must be one of 5m, 1h, 6h, 24h, custom");
    const custom = await call("/api/metrics/query?series=gpu.power&range=custom&start=10", viewer);
    expect(custom.status).toBe(422);
    expect(JSON.stringify(custom.body)).toContain("range=custom needs start and end");
  });

  it("refuses anonymous callers and tokens without the read scope", async () => {
    expect((await call("/api/metrics/query?series=gpu.power", new Headers())).status).toBe(401);
    expect((await call("/api/metrics/query?series=gpu.power", writeOnlyToken)).status).toBe(403);
  });
});

describe("GET /api/metrics/series", () => {
  it("lists the named series a query may ask for, with their units and sources", async () => {
    const { status, body } = await call("/api/metrics/series", viewer);
    expect(status).toBe(200);
    expect(body).toContainEqual({
      id: "instance.kv_cache.usage",
      title: "KV cache used",
      unit: "ratio",
      scope: "instance",
      sources: ["vllm", "tgi"],
      note: expect.any(String),
    });
    const { NAMED_SERIES_IDS } = await import("@/lib/metrics/series-catalog");
    expect((body as { id: string }[]).map((s) => s.id)).toEqual(NAMED_SERIES_IDS);
  });
});

describe("GET /api/v1/instances/{instanceId}/metrics", () => {
  it("answers a token with the read scope", async () => {
    const id = fleet.instanceIds["qwen-a"]!;
    const { status, body } = await call(
      "/api/v1/instances/metrics?series=instance.kv_cache.usage,instance.ttft.p99&range=1h",
      readToken,
      { instanceId: id },
    );
    expect(status).toBe(200);
    const r = body as MetricsQueryResponse;
    expect(r.range.stepMs).toBe(30_000);
    expect(r.results[0]).toMatchObject({ status: "ok", unit: "ratio", data: [{ labels: { fleetdeck_instance: id } }] });
    // no histogram scraped: the series is there, with no data
    expect(r.results[1]).toMatchObject({ status: "ok", series: "instance.ttft.p99", data: [] });
  });

  it("is in the OpenAPI document with its query parameters", async () => {
    const { openApiDocument } = await import("@/lib/api/openapi");
    const op = openApiDocument().paths["/api/v1/instances/{instanceId}/metrics"]?.get as {
      parameters: { name: string; in: string; required: boolean }[];
    };
    expect(op.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      "path:instanceId:true",
      "query:series:true",
      "query:range:false",
      "query:start:false",
      "query:end:false",
      "query:step:false",
    ]);
  });
});

describe("GET /api/metrics/targets", () => {
  it("lists every target with its health, last scrape and samples", async () => {
    const { status, body } = await call("/api/metrics/targets", viewer);
    expect(status).toBe(200);
    const r = body as TargetsResponse & { status: "ok" };
    expect(r.status).toBe("ok");
    expect(r.problems).toEqual([]);
    const byId = new Map(r.targets.map((t) => [t.id, t]));
    const up = byId.get(`instance/${fleet.instanceIds["qwen-a"]}/0`)!;
    expect(up).toMatchObject({
      health: "up",
      kind: "vllm",
      instanceName: "routes / qwen-a",
      hostName: "host-a",
      samples: 3,
    });
    expect(up.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(byId.get(`instance/${fleet.instanceIds["qwen-b"]}/0`)).toMatchObject({ health: "down", samples: 0 });
    expect(byId.get(`gpu-exporter/${fleet.hostIds["host-a"]}`)).toMatchObject({ health: "up", kind: "gpu-exporter" });
    expect(r.store?.series).toBeGreaterThan(0);
  });
});

describe("GET /api/prometheus/sd", () => {
  it("lists the targets as HTTP SD groups with fleetdeck's labels, for a read token", async () => {
    const { status, body } = await call("/api/prometheus/sd", readToken);
    expect(status).toBe(200);
    const groups = body as HttpSdGroup[];
    expect(groups).toContainEqual({
      targets: [`127.0.0.1:${engine.port}`],
      labels: {
        __scheme__: "http",
        __metrics_path__: "/metrics",
        fleetdeck_target: `instance/${fleet.instanceIds["qwen-a"]}/0`,
        fleetdeck_kind: "vllm",
        fleetdeck_instance: fleet.instanceIds["qwen-a"],
        fleetdeck_replica: "0",
        fleetdeck_host: fleet.hostIds["host-a"],
      },
    });
    expect(groups).toContainEqual({
      targets: [`127.0.0.1:${exporter.port}`],
      labels: {
        __scheme__: "http",
        __metrics_path__: "/metrics",
        fleetdeck_target: `gpu-exporter/${fleet.hostIds["host-a"]}`,
        fleetdeck_kind: "gpu-exporter",
        fleetdeck_host: fleet.hostIds["host-a"],
      },
    });
    expect(groups).toHaveLength(3);
  });

  it("refuses a caller without credentials, with the Bearer challenge", async () => {
    const url = new URL("/api/prometheus/sd", "http://localhost:3000");
    const res = await routes["/api/prometheus/sd"]!(new Request(url), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });
});

describe("Prometheus mode with nobody answering", () => {
  it("gives typed unavailable states since the first failure, never a 500", async () => {
    const holder = await import("@/lib/metrics/service/metrics-service-holder");
    const { MetricsService } = await import("@/lib/metrics/service/metrics-service");
    const { metricsQueries } = await import("@/lib/queries/metrics/metrics-queries");
    await holder.stopMetricsService();
    const port = await deadPort();
    await holder.startMetricsService(
      () =>
        new MetricsService({
          prometheusUrl: `http://127.0.0.1:${port}`,
          intervalMs: 5000,
          readInventory: metricsQueries().loadInventory,
          staticTargetsFile: targetsFile,
        }),
    );
    const first = await call("/api/metrics/query?series=gpu.memory.used,gpu.power", viewer);
    expect(first.status).toBe(200);
    const r = first.body as MetricsQueryResponse;
    expect(r.mode).toBe("prometheus");
    expect(r.results).toEqual([
      expect.objectContaining({ status: "unavailable", series: "gpu.memory.used", reason: "prometheus-unreachable" }),
      expect.objectContaining({ status: "unavailable", series: "gpu.power", reason: "prometheus-unreachable" }),
    ]);
    const since = (r.results[0] as { sinceMs: number }).sinceMs;
    const again = (await call("/api/metrics/query?series=gpu.power", viewer)).body as MetricsQueryResponse;
    expect(again.results[0]).toMatchObject({ status: "unavailable", sinceMs: since });
    const targets = await call("/api/metrics/targets", viewer);
    expect(targets.status).toBe(200);
    expect(targets.body).toMatchObject({ status: "unavailable", mode: "prometheus", sinceMs: since });
    // service discovery does not need Prometheus: it lists what fleetdeck manages
    const sd = await call("/api/prometheus/sd", readToken);
    expect((sd.body as HttpSdGroup[]).length).toBe(3);
  });
});
