import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { encodeLayout } from "../../lib/layout/codec";
import { formatLayoutJson } from "../../lib/layout/file";
import { findTemplate } from "../../lib/layout/templates";

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "fleetdeck-layout-cli-"));

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec("npx", ["tsx", "cli/index.ts", "layout", ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const seed = findTemplate("qwen2.5-7b-4090d-2x2-int4")!.layout;
const unplacedYaml = `
name: two int4 instances, not placed
hosts:
  - { id: gpu-node-1, name: gpu-node-1, ramBytes: 64GiB, cpuCores: 16, gpus: [{index: 0, gpuId: rtx-4090d}, {index: 1, gpuId: rtx-4090d}, {index: 2, gpuId: rtx-4090d}] }
instances:
  - { id: a, engine: vllm, model: Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4, quantization: gptq, tp: 2, maxModelLen: 32768, gpuMemoryUtilization: 0.85 }
  - { id: b, engine: vllm, model: Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4, quantization: gptq, tp: 2, maxModelLen: 32768, gpuMemoryUtilization: 0.85 }
`;

describe("fleetdeck layout (spawned CLI)", { timeout: 60_000 }, () => {
  it("encode prints a share URL on FLEETDECK_URL that decode turns back into the layout", async () => {
    const path = file("seed.json", formatLayoutJson(seed));
    const encoded = await cli(["encode", path], { FLEETDECK_URL: "https://deck.example.com/" });
    expect(encoded.code).toBe(0);
    expect(encoded.stdout.trim()).toBe(`https://deck.example.com/layouts/share#l=${encodeLayout(seed)}`);
    const decoded = await cli(["decode", encoded.stdout.trim()]);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toEqual(seed);
  });

  it("decode explains a damaged link and exits 1", async () => {
    const token = encodeLayout(seed);
    const damaged = `${token.slice(0, 10)}${token.charAt(10) === "A" ? "B" : "A"}${token.slice(11)}`;
    const result = await cli(["decode", damaged]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain("the link is damaged (checksum mismatch): ask for a new link");
  });

  it("validate exits 0 on a clean layout and 1 with findings on errors", async () => {
    const clean = await cli(["validate", file("clean.json", formatLayoutJson(seed))]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/0 error\(s\)/);
    const broken = {
      ...seed,
      instances: seed.instances.map((i) => ({ ...i, placement: { hostId: "gpu-node-1", gpuIndices: [0, 1] } })),
    };
    const result = await cli(["validate", file("broken.json", JSON.stringify(broken))]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error /m);
  });

  it("validate reports parse errors with the field path", async () => {
    const result = await cli([
      "validate",
      file("bad.yaml", unplacedYaml.replace("ramBytes: 64GiB", "ramBytes: 64 gigs")),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("hosts[0].ramBytes: '64 gigs' is not a size; write 64GiB or a number of bytes");
  });

  it("place prints the placed layout and says why one instance stayed unplaced", async () => {
    const result = await cli(["place", file("unplaced.yaml", unplacedYaml), "--policy", "spread"]);
    expect(result.code).toBe(1);
    const placed = JSON.parse(result.stdout) as typeof seed;
    expect(placed.instances.map((i) => i.placement)).toEqual([{ hostId: "gpu-node-1", gpuIndices: [0, 1] }, null]);
    expect(result.stderr).toContain("placed a on gpu-node-1 GPU 0,1");
    expect(result.stderr).toContain(
      "unplaced b: needs 2 GPUs with 0.85 of their memory free on one host; the best host (gpu-node-1) has 1",
    );
  });

  it("bad usage exits 2 with a message", async () => {
    const cases = [[], ["frobnicate"], ["encode"], ["place", "x.json", "--policy", "random"], ["decode", "a", "b"]];
    const results = await Promise.all(cases.map((args) => cli(args)));
    results.forEach((result, k) => {
      expect(result.code, cases[k]!.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/usage: fleetdeck layout/);
    });
  });
});
