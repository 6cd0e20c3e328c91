import { describe, expect, it } from "vitest";
import { formatLayoutJson, parseLayoutText, parseSize } from "./file";
import { TEMPLATES } from "./templates";
import { GIB } from "../vocabulary/units";

const YAML_LAYOUT = `
name: seed 4090D
hosts:
  - id: gpu-node-1
    name: gpu-node-1
    ramBytes: 64GiB
    cpuCores: 16
    gpus:
      - { index: 0, gpuId: rtx-4090d }
      - { index: 1, gpuId: custom, memoryBytes: 24g }
instances:
  - id: qwen7b
    engine: vllm
    model: Qwen/Qwen2.5-7B-Instruct
    tp: 2
    limits: { memoryBytes: 32g, cpus: 8, shmBytes: "8 GB" }
    placement: { hostId: gpu-node-1, gpuIndices: [0, 1] }
`;

describe("parseSize", () => {
  it.each([
    ["4096", 4096],
    ["64GiB", 64 * GIB],
    ["24g", 24 * GIB],
    ["24G", 24 * GIB],
    ["512Mi", 512 * 1024 ** 2],
    ["1.5TiB", 1.5 * 1024 ** 4],
    ["80 GB", 80e9],
    ["8kb", 8000],
    ["12b", 12],
  ])("%s → %d bytes", (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(["64 gigs", "", "GiB", "-1g", "1e9", "12 pb"])("'%s' is not a size", (text) =>
    expect(parseSize(text)).toBeNull(),
  );
});

describe("parseLayoutText", () => {
  it("reads YAML with size suffixes into integer bytes", () => {
    const result = parseLayoutText(YAML_LAYOUT, { fileName: "seed.yaml" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [host] = result.layout.hosts;
    expect(host?.ramBytes).toBe(64 * GIB);
    expect(host?.gpus[1]?.memoryBytes).toBe(24 * GIB);
    expect(result.layout.instances[0]?.limits).toEqual({ memoryBytes: 32 * GIB, cpus: 8, shmBytes: 8e9 });
    expect(result.layout.instances[0]?.gpuMemoryUtilization).toBe(0.9);
  });

  it("reads JSON, and canonical JSON reads back to the same layout", () => {
    for (const { layout } of TEMPLATES) {
      const text = formatLayoutJson(layout);
      expect(text.endsWith("}\n")).toBe(true);
      expect(parseLayoutText(text)).toEqual({ ok: true, layout, fromVersion: 1 });
      expect(formatLayoutJson(layout)).toBe(text);
    }
  });

  it("accepts sizes in JSON too", () => {
    const result = parseLayoutText(
      JSON.stringify({
        name: "x",
        hosts: [{ id: "h", name: "h", gpus: [], ramBytes: "1TiB", cpuCores: 1 }],
        instances: [],
      }),
    );
    expect(result.ok && result.layout.hosts[0]?.ramBytes).toBe(1024 ** 4);
  });

  it("names the field of a value that is not a size", () => {
    const text = YAML_LAYOUT.replace("ramBytes: 64GiB", "ramBytes: 64 gigs").replace(
      'shmBytes: "8 GB"',
      "shmBytes: lots",
    );
    expect(parseLayoutText(text)).toEqual({
      ok: false,
      errors: [
        "hosts[0].ramBytes: '64 gigs' is not a size; write 64GiB or a number of bytes",
        "instances[0].limits.shmBytes: 'lots' is not a size; write 64GiB or a number of bytes",
      ],
    });
  });

  it("gives schema errors with their field paths", () => {
    const text = YAML_LAYOUT.replace("tp: 2", "tp: two").replace("engine: vllm", "engine: sglang");
    const result = parseLayoutText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((e) => e.startsWith("instances[0].engine: "))).toBe(true);
    expect(result.errors.some((e) => /^instances\[0\]\.tp: .*number/.test(e))).toBe(true);
  });

  it("reports JSON and YAML syntax errors with a line", () => {
    const json = parseLayoutText('{\n  "name": "x",\n  "hosts": [,]\n}');
    expect(json.ok).toBe(false);
    if (!json.ok) expect(json.errors[0]).toMatch(/^not valid JSON: /);
    const yaml = parseLayoutText("name: x\nhosts: [\ninstances: {", { format: "yaml" });
    expect(yaml.ok).toBe(false);
    if (!yaml.ok) expect(yaml.errors[0]).toMatch(/^not valid YAML: line \d+, column \d+: /);
  });

  it("rejects something that is not a layout object, and a newer schema version", () => {
    expect(parseLayoutText("- 1\n- 2")).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/does not hold a layout/)],
    });
    expect(parseLayoutText('{"schemaVersion": 7, "name": "x", "hosts": [], "instances": []}')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^schemaVersion: 7/)],
    });
  });

  it("migrates a version-0 file (tensorParallel → tp)", () => {
    const result = parseLayoutText(
      '{"schemaVersion": 0, "name": "old", "hosts": [], "instances": [{"id": "a", "engine": "tgi", "model": "m", "tensorParallel": 4}]}',
    );
    expect(result.ok && result.fromVersion).toBe(0);
    expect(result.ok && result.layout.instances[0]?.tp).toBe(4);
  });
});
