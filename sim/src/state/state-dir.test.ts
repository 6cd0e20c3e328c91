import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type EngineEntry, gpuLoad, readEntries, removeEntry, writeEntry } from "./state-dir";

const entry = (id: string, updatedAtMs: number, uuid = "GPU-a"): EngineEntry => ({
  version: 1,
  id,
  engine: "vllm",
  pid: 1,
  containerId: null,
  host: "h",
  model: "m",
  processName: "python3",
  updatedAtMs,
  gpus: [{ uuid, index: 0, memoryUsedBytes: 2 ** 30, utilization: 0.4 }],
});

describe("the state directory contract", () => {
  it("writes atomically, keeps fresh entries, ignores stale, malformed and temporary files", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-state-"));
    writeEntry(dir, entry("fresh", 10_000));
    writeEntry(dir, entry("stale", 1_000));
    writeFileSync(join(dir, "engines", "broken.json"), "{ not json");
    writeFileSync(join(dir, "engines", "half.json.77.tmp"), "{}");
    expect(readEntries(dir, 12_000, 5_000).map((e) => e.id)).toEqual(["fresh"]);
    expect(readdirSync(join(dir, "engines")).filter((n) => n.endsWith(".tmp") && n !== "half.json.77.tmp")).toEqual([]);
    removeEntry(dir, "fresh");
    expect(readEntries(dir, 12_000, 5_000)).toEqual([]);
  });

  it("sums memory and utilisation of every engine on a GPU", () => {
    const load = gpuLoad([entry("a", 1), entry("b", 1), entry("c", 1, "GPU-other")], "GPU-a");
    expect(load.memoryUsedBytes).toBe(2 * 2 ** 30);
    expect(load.utilization).toBeCloseTo(0.8);
    expect(load.holders.map((h) => h.entry.id)).toEqual(["a", "b"]);
  });

  it("reads nothing from a directory that does not exist yet", () => {
    expect(readEntries(join(tmpdir(), "no-such-sim-state-dir"), 0, 1000)).toEqual([]);
  });
});
