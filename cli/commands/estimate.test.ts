import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const estimate = (...args: string[]) => {
  const r = spawnSync("npx", ["tsx", "cli/index.ts", "estimate", ...args], { encoding: "utf8", cwd: process.cwd() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("cli estimate (spawned for real)", () => {
  it("prints one JSON object with every budget field for Qwen2.5-7B bf16 on 4 × RTX 4090D", () => {
    const r = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "RTX 4090D", "--tp", "4", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of [
      "weightsBytesPerGpu",
      "activationBytes",
      "nonTorchBytes",
      "cudaGraphBytes",
      "kvCacheBytesPerGpu",
      "kvCacheTokens",
      "maxConcurrency",
      "fits",
      "maxModelLenThatFits",
      "terms",
      "errors",
      "warnings",
    ]) {
      expect(out).toHaveProperty(key);
    }
    expect(out.fits).toBe(true);
    expect(out.kvBytesPerTokenPerGpu).toBe(14_336);
    expect(out.terms[0]).toMatchObject({ name: "weights", bytes: expect.any(Number), explanation: expect.any(String) });
  });

  it("reports the RTX 4060 negative case as an error with vLLM's message and a fix (exit 1)", () => {
    const r = estimate(
      "--model",
      "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
      "--gpu",
      "RTX 4060",
      "--gpu-memory-utilization",
      "0.7",
      "--max-model-len",
      "4096",
      "--vllm-version",
      "0.7.2",
      "--json",
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.fits).toBe(false);
    expect(
      out.errors.some(
        (e: { message: string; fix: string }) =>
          e.message.includes("No available memory for the cache blocks") && e.fix.length > 0,
      ),
    ).toBe(true);
  });

  it("prints a readable table for TGI", () => {
    const r = estimate(
      "--engine",
      "tgi",
      "--model",
      "Qwen/Qwen2.5-7B-Instruct",
      "--gpu",
      "RTX 4090D",
      "--num-shard",
      "2",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kvCache .* KV cache: 1 × 0\.9 × 23\.99 GiB/);
    expect(r.stdout).toContain("fits: yes");
  });

  it("names the option, the value and the fix for bad input (exit 2)", () => {
    const bad = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "RTX 4091");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gpu "RTX 4091"');
    expect(bad.stderr).toContain("RTX 4090D");
    const gmu = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100 SXM", "--gpu-memory-utilization", "1.5");
    expect(gmu.code).toBe(2);
    expect(gmu.stderr).toMatch(/--gpu-memory-utilization "1\.5".*Fix: use a number above 0 and at most 1/);
    expect(estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100 SXM", "--tensor-parallel").code).toBe(2);
  });
});
