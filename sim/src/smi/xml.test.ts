import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildHost, lookupGpu } from "../gpu/host";
import type { EngineEntry } from "../state/state-dir";
import { readXml } from "./read-xml";
import { smiXml } from "./xml";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

const paths = (xml: string) => new Set(readXml(xml).map((e) => e.path));
const valueAt = (xml: string, path: string) =>
  readXml(xml)
    .filter((e) => e.path === path)
    .map((e) => e.text);

describe("nvidia-smi -q -x", () => {
  const host = buildHost("box-1", [lookupGpu("RTX 4090D", "GPU"), lookupGpu("RTX 4090D", "GPU")], false);
  const entry: EngineEntry = {
    version: 1,
    id: "e",
    engine: "vllm",
    pid: 41,
    containerId: null,
    host: "box-1",
    model: "m",
    processName: "python3",
    updatedAtMs: 0,
    gpus: [{ uuid: host.gpus[1]!.uuid, index: 1, memoryUsedBytes: 21_446 * 2 ** 20, utilization: 1 }],
  };
  const xml = smiXml(host.gpus, [entry], {
    driverVersion: "580.159.04",
    cudaVersion: "13.0",
    now: new Date(2026, 10, 25, 11, 55, 26),
  });

  it("has exactly the element structure of real H100/H200 output", () => {
    const real = new Set([
      ...paths(readFileSync(join(FIXTURES, "h100-nvidia-smi-q.xml"), "utf8")),
      ...paths(readFileSync(join(FIXTURES, "h200-nvidia-smi-q-busy.xml"), "utf8")),
    ]);
    expect([...paths(xml)].sort()).toEqual([...real].sort());
  });

  it("fills in the simulated GPUs, their memory and the process holding it", () => {
    expect(valueAt(xml, "nvidia_smi_log/timestamp")).toEqual(["Wed Nov 25 11:55:26 2026"]);
    expect(valueAt(xml, "nvidia_smi_log/attached_gpus")).toEqual(["2"]);
    expect(valueAt(xml, "nvidia_smi_log/gpu/product_name")).toEqual([
      "NVIDIA GeForce RTX 4090 D",
      "NVIDIA GeForce RTX 4090 D",
    ]);
    expect(valueAt(xml, "nvidia_smi_log/gpu/uuid")).toEqual(host.gpus.map((g) => g.uuid));
    expect(valueAt(xml, "nvidia_smi_log/gpu/fb_memory_usage/used")).toEqual(["0 MiB", "21455 MiB"]);
    expect(valueAt(xml, "nvidia_smi_log/gpu/processes/process_info/used_memory")).toEqual(["21446 MiB"]);
    expect(valueAt(xml, "nvidia_smi_log/gpu/utilization/gpu_util")).toEqual(["0 %", "100 %"]);
  });
});
