import { describe, expect, it } from "vitest";
import { scrapeTargetSchema } from "../scrape/scrape-target";
import type { MetricsInstance, MetricsInventory } from "./inventory";
import { prometheusSdGroups } from "./prometheus-sd";
import { metricsUrlOf, scrapeTargetsOf } from "./scrape-targets-of";
import { mergeStaticTargets, staticTargetsSchema } from "./static-targets";

const instance = (
  id: string,
  replicas: MetricsInstance["replicas"],
  engine: "vllm" | "tgi" = "vllm",
): MetricsInstance => ({
  id,
  instanceKey: id,
  layoutId: "l",
  layoutName: "plan",
  revisionId: "r",
  engine,
  model: "m",
  hostId: "h1",
  hostName: "gpu-1",
  hostLabels: {},
  gpuIndices: [0],
  desiredState: "running",
  observedState: "running",
  spec: {},
  plannedGpu: null,
  replicas,
});

const inventory: MetricsInventory = {
  instances: [
    instance("a", [
      { replica: 0, endpoint: "http://10.0.0.5:8000", state: "healthy", hostId: "h1", gpuIndices: [0] },
      { replica: 1, endpoint: "http://10.0.0.6:8000", state: "loading", hostId: "h2", gpuIndices: [0] },
      { replica: 2, endpoint: null, state: "pending", hostId: null, gpuIndices: [] },
    ]),
    instance(
      "b",
      [{ replica: 0, endpoint: "http://10.0.0.5:3000/", state: "unhealthy", hostId: null, gpuIndices: [1] }],
      "tgi",
    ),
  ],
  hosts: [
    {
      id: "h1",
      name: "gpu-1",
      labels: {},
      gpuExporterUrl: "http://10.0.0.5:9400/metrics",
      nodeExporterUrl: "http://10.0.0.5:9100/metrics",
      gpus: [],
    },
    { id: "h2", name: "gpu-2", labels: {}, gpuExporterUrl: null, nodeExporterUrl: null, gpus: [] },
  ],
};

describe("scrapeTargetsOf", () => {
  it("scrapes replicas that listen and every configured exporter, labelled by id", () => {
    const targets = scrapeTargetsOf(inventory, 2000);
    expect(targets.map((t) => [t.id, t.kind, t.url])).toEqual([
      ["instance/a/0", "vllm", "http://10.0.0.5:8000/metrics"],
      ["instance/b/0", "tgi", "http://10.0.0.5:3000/metrics"],
      ["gpu-exporter/h1", "gpu-exporter", "http://10.0.0.5:9400/metrics"],
      ["node-exporter/h1", "node-exporter", "http://10.0.0.5:9100/metrics"],
    ]);
    expect(targets[0]!.labels).toEqual({ fleetdeck_instance: "a", fleetdeck_replica: "0", fleetdeck_host: "h1" });
    // a replica without its own host falls back to the instance's
    expect(targets[1]!.labels.fleetdeck_host).toBe("h1");
    for (const t of targets) expect(scrapeTargetSchema.safeParse(t).success).toBe(true);
  });

  it("keeps a metrics path that is given", () => {
    expect(metricsUrlOf("http://h:8000/custom/metrics")).toBe("http://h:8000/custom/metrics");
    expect(metricsUrlOf("http://h:8000")).toBe("http://h:8000/metrics");
  });
});

describe("prometheusSdGroups", () => {
  it("gives Prometheus the address, scheme, path and the embedded scraper's labels", () => {
    const groups = prometheusSdGroups(scrapeTargetsOf(inventory));
    expect(groups[0]).toEqual({
      targets: ["10.0.0.5:8000"],
      labels: {
        __scheme__: "http",
        __metrics_path__: "/metrics",
        fleetdeck_instance: "a",
        fleetdeck_replica: "0",
        fleetdeck_host: "h1",
        fleetdeck_target: "instance/a/0",
        fleetdeck_kind: "vllm",
      },
    });
    const withQuery = prometheusSdGroups([
      { id: "x", url: "https://e:9/m?format=prometheus", kind: "node-exporter", labels: {}, timeoutMs: 1000 },
    ]);
    expect(withQuery[0]!.labels).toMatchObject({
      __scheme__: "https",
      __metrics_path__: "/m",
      __param_format: "prometheus",
    });
  });
});

describe("the static targets file", () => {
  it("lays endpoints over the inventory and reports entries that name nothing", () => {
    const file = staticTargetsSchema.parse({
      instances: [
        { instanceId: "a", replica: 1, endpoint: "http://127.0.0.1:18001", logFile: "/tmp/a.log" },
        { instanceId: "ghost", endpoint: "http://127.0.0.1:1" },
      ],
      hosts: [{ hostId: "h2", nodeExporterUrl: "http://127.0.0.1:9100/metrics" }, { hostId: "nope" }],
    });
    const { inventory: merged, unknown } = mergeStaticTargets(inventory, file);
    expect(unknown).toEqual(["instance ghost", "host nope"]);
    expect(merged.instances[0]!.replicas[1]).toMatchObject({
      endpoint: "http://127.0.0.1:18001",
      state: "running",
      logFile: "/tmp/a.log",
    });
    expect(merged.hosts[1]!.nodeExporterUrl).toBe("http://127.0.0.1:9100/metrics");
    // the input is not changed
    expect(inventory.instances[0]!.replicas[1]!.state).toBe("loading");
    expect(scrapeTargetsOf(merged).map((t) => t.id)).toContain("instance/a/1");
  });

  it("names the field and the fix when an entry is wrong", () => {
    const r = staticTargetsSchema.safeParse({ instances: [{ instanceId: "a", endpoint: "10.0.0.5:8000" }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain("instances[].endpoint must be an http:// or https:// URL");
    expect(staticTargetsSchema.safeParse({ hosts: [{ hostId: "h", dcgm: "x" }] }).success).toBe(false);
  });
});
