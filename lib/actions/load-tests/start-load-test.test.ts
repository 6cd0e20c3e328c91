import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, useTestDatabase } from "../../auth/testing/test-users";
import type { LoadTestRunView } from "../../metrics/load-test/load-test-run-view";
import type { SeededFleet } from "../../metrics/testing/seed-fleet";
import { SimHost } from "../../metrics/testing/sim-host";

/**
 * "Send test load" end to end below the browser: real SQLite and sessions, the action's guard (host grants), the
 * registry running real load against a simulator process, the stored run read back through the route.
 */
const host = new SimHost({ gpu: "RTX 4090D", gpuCount: 2, name: "sim-load-action" });
const MODEL = "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4";
let fleet: SeededFleet;
let runAs: <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let startLoadTest: typeof import("./start-load-test").startLoadTest;
let stopLoadTest: typeof import("./stop-load-test").stopLoadTest;
let listRuns: (query: string, headers: Headers) => Promise<LoadTestRunView[]>;
let operatorA: Headers;
let operatorB: Headers;
let viewer: Headers;

beforeAll(async () => {
  await useTestDatabase();
  const engine = await host.vllm("qwen", MODEL, [0], ["--max-model-len", "4096"]);
  const { seedFleet } = await import("../../metrics/testing/seed-fleet");
  const gpu = { gpuId: "rtx-4090d", gpuName: "NVIDIA GeForce RTX 4090 D", gpuMemoryBytes: 24_564 * 2 ** 20 };
  fleet = await seedFleet(
    "load",
    [{ name: "lab-a", labels: { team: "a" }, gpuCount: 2, ...gpu }],
    [
      { key: "qwen", engine: "vllm", model: MODEL, host: "lab-a", gpus: [0] },
      { key: "idle", engine: "vllm", model: MODEL, host: "lab-a", gpus: [1] },
    ],
  );
  const targets = join(mkdtempSync(join(tmpdir(), "fleetdeck-load-action-")), "metrics-targets.json");
  writeFileSync(targets, JSON.stringify({ instances: [{ instanceId: fleet.instanceIds.qwen, endpoint: engine.url }] }));
  const { MetricsService } = await import("../../metrics/service/metrics-service");
  const { metricsQueries } = await import("../../queries/metrics/metrics-queries");
  const { startMetricsService } = await import("../../metrics/service/metrics-service-holder");
  await startMetricsService(
    () =>
      new MetricsService({
        intervalMs: 5000,
        readInventory: metricsQueries().loadInventory,
        staticTargetsFile: targets,
      }),
  );
  ({ runWithHeaders: runAs } = await import("../../auth/request-context"));
  ({ startLoadTest } = await import("./start-load-test"));
  ({ stopLoadTest } = await import("./stop-load-test"));
  const { defineRoute } = await import("../../api/define-route");
  const { loadTestRunsSpec } = await import("../../api/metrics/load-test-runs-spec");
  const route = defineRoute(loadTestRunsSpec);
  listRuns = async (query, headers) => {
    const res = await route(new Request(`http://localhost:3000/api/metrics/load-tests?${query}`, { headers }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as LoadTestRunView[];
  };
  await makeUser("admin");
  operatorA = await sessionHeaders(await makeUser("operator", ["team=a"]));
  operatorB = await sessionHeaders(await makeUser("operator", ["team=b"]));
  viewer = await sessionHeaders(await makeUser("viewer"));
}, 90_000);

afterAll(async () => {
  const { stopMetricsService } = await import("../../metrics/service/metrics-service-holder");
  await stopMetricsService();
  await host.dispose();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("startLoadTest", () => {
  it("runs bounded load on the instance's own endpoint, shows progress, stores the results with the revision", async () => {
    const started = await runAs(operatorA, () =>
      startLoadTest({
        instanceId: fleet.instanceIds.qwen,
        label: "1×1",
        concurrency: "3",
        promptTokens: "64",
        outputTokens: "24",
        stopKind: "requests",
        requestCount: "9",
      }),
    );
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const runId = (started as { ok: true; data: { runId: string } }).data.runId;
    // a second test on the same instance waits for the first
    const again = await runAs(operatorA, () => startLoadTest({ instanceId: fleet.instanceIds.qwen }));
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining("already running on this instance") });
    const live = await until(
      () => listRuns(`instanceId=${fleet.instanceIds.qwen}`, viewer),
      (runs) => runs[0]?.progress !== null && runs[0]?.progress !== undefined,
    );
    expect(live[0]).toMatchObject({ id: runId, status: "running", label: "1×1" });
    const done = await until(
      () => listRuns(`ids=${runId}`, viewer),
      (runs) => runs[0]?.status !== "running",
    );
    expect(done[0]).toMatchObject({
      status: "finished",
      revisionId: fleet.revisionId,
      replica: 0,
      params: { concurrency: 3, promptTokens: 64, outputTokens: 24, stopKind: "requests", requestCount: 9 },
      target: {
        layoutName: "load",
        instanceKey: "qwen",
        engine: "vllm",
        model: MODEL,
        gpuIndices: [0],
        hostName: "lab-a",
      },
      results: { requests: 9, succeeded: 9, failed: 0, outputTokens: 9 * 24 },
      progress: null,
    });
    expect(done[0]!.results!.ttftMs.p99).toBeGreaterThan(0);
    const { db } = await import("../../queries/db");
    const audit = await db().auditEvent.findFirst({ where: { action: "instance.load-test" } });
    expect(audit).toMatchObject({ targetId: fleet.instanceIds.qwen, actorLabel: expect.stringMatching(/^operator/) });
  });

  it("refuses operators outside their grants, viewers, and instances that do not run", async () => {
    const outside = await runAs(operatorB, () => startLoadTest({ instanceId: fleet.instanceIds.qwen }));
    expect(outside).toMatchObject({ ok: false });
    expect((outside as { error: string }).error).toMatch(/team=b|grant/);
    const asViewer = await runAs(viewer, () => startLoadTest({ instanceId: fleet.instanceIds.qwen }));
    expect(asViewer).toMatchObject({ ok: false, error: expect.stringMatching(/viewer/) });
    const idle = await runAs(operatorA, () => startLoadTest({ instanceId: fleet.instanceIds.idle }));
    expect(idle).toMatchObject({ ok: false, error: expect.stringContaining("idle has no running replica 0") });
    const tooMuch = await runAs(operatorA, () =>
      startLoadTest({ instanceId: fleet.instanceIds.qwen, concurrency: 1000 }),
    );
    expect(tooMuch).toMatchObject({
      ok: false,
      fieldErrors: { concurrency: ["got 1000: concurrency must be at most 64 (the load test limit)"] },
    });
  });

  it("marks failed a run whose server stopped mid-test, and only such runs", async () => {
    const { db } = await import("../../queries/db");
    const row = (startedAt: Date) => ({
      instanceId: fleet.instanceIds.qwen!,
      revisionId: fleet.revisionId,
      target: "{}",
      params: "{}",
      startedByLabel: "an earlier server",
      startedAt,
    });
    const old = await db().loadTestRun.create({ data: row(new Date(Date.now() - 3_600_000)) });
    const recent = await db().loadTestRun.create({ data: row(new Date(Date.now() - 10_000)) });
    const runs = await listRuns(`ids=${old.id},${recent.id}`, viewer);
    expect(runs.find((r) => r.id === old.id)).toMatchObject({
      status: "failed",
      error: "the server stopped while the test ran",
    });
    // another server process may be running this one: it stays running
    expect(runs.find((r) => r.id === recent.id)).toMatchObject({ status: "running", progress: null });
    await db().loadTestRun.delete({ where: { id: recent.id } });
  });

  it("stops a running test; it is kept as cancelled with what it measured", async () => {
    const started = await runAs(operatorA, () =>
      startLoadTest({
        instanceId: fleet.instanceIds.qwen,
        outputTokens: 400,
        stopKind: "duration",
        durationSeconds: 60,
      }),
    );
    const runId = (started as { ok: true; data: { runId: string } }).data.runId;
    await until(
      () => listRuns(`ids=${runId}`, viewer),
      (runs) => (runs[0]?.progress?.sent ?? 0) > 0,
    );
    expect(await runAs(operatorA, () => stopLoadTest({ runId }))).toEqual({ ok: true, data: { runId } });
    const done = await until(
      () => listRuns(`ids=${runId}`, viewer),
      (runs) => runs[0]?.status !== "running",
      10_000,
    );
    expect(done[0]).toMatchObject({ status: "cancelled", results: { requests: expect.any(Number) } });
  });
});
