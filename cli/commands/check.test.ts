import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SEED_TGI = `docker run --gpus all \\ -p 8080:80 \\ --memory="32g" \\ --cpus="8" \\ -e HUGGING_FACE_HUB_TOKEN="your_token" \\ ghcr.io/huggingface/text-generation-inference:latest \\ --model-id Qwen/Qwen2.5-7B-Instruct \\ --max-input-length 32768 \\ --max-total-tokens 131072 \\ --quantize gptq_int4 \\ --tensor-parallel-size 4`;

function check(args: string[], input?: string) {
  const result = spawnSync("npx", ["tsx", "cli/index.ts", "check", ...args], {
    encoding: "utf8",
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("cli check (spawned)", () => {
  it("prints the seed's errors with fixes and exits 1", () => {
    const { code, stdout } = check([SEED_TGI]);
    expect(code).toBe(1);
    expect(stdout).toContain("--quantize gptq_int4 is not a TGI value.");
    expect(stdout).toContain("Use --num-shard 4.");
    expect(stdout).toContain("--max-total-tokens 131072 is above what the model was trained for");
  });

  it("prints one JSON object with --json", () => {
    const { code, stdout } = check(["--json", SEED_TGI]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      instance: { engine: string };
      errors: { code: string }[];
      warnings: unknown[];
    };
    expect(report.instance.engine).toBe("tgi");
    expect(report.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(["flag.bad-choice", "flag.other-engine", "context.needs-rope-scaling"]),
    );
  });

  it("exits 0 for a correct command, read from a file and from stdin", () => {
    const dir = mkdtempSync(join(tmpdir(), "check-"));
    const file = join(dir, "cmd.sh");
    const command = "vllm serve Qwen/Qwen2.5-7B-Instruct \\\n  --tensor-parallel-size 2 \\\n  --max-model-len 32768\n";
    writeFileSync(file, command);
    const fromFile = check(["--file", file]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain("No problems found.");
    expect(check(["-"], command).code).toBe(0);
  });

  it("checks the memory budget with --gpu: above 90 % of a 4090D is a warning, exit 0", () => {
    const { code, stdout } = check([
      "--json",
      "--gpu",
      "4090d",
      "vllm serve Qwen/Qwen2.5-7B-Instruct --max-model-len 32768 --gpu-memory-utilization 0.93",
    ]);
    const report = JSON.parse(stdout) as { errors: unknown[]; warnings: { code: string; message: string }[] };
    expect(code).toBe(0);
    expect(report.warnings.map((w) => w.code)).toContain("gpu.memory-above-threshold");
  });

  it.each([
    ["no command", []],
    ["--file without a path", ["--file"]],
    ["an unreadable file", ["--file", "/no/such/file"]],
    ["an unknown GPU", ["--gpu", "abacus", "vllm serve Qwen/Qwen2.5-7B-Instruct"]],
  ])("exits 2 on bad usage: %s", (_label, args) => {
    const { code, stderr } = check(args);
    expect(code).toBe(2);
    expect(stderr).toContain("usage:");
  });
});
