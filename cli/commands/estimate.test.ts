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
    expect(out.fits).toBe("fits");
    expect(out.kvCacheTokensLow).toBeLessThan(out.kvCacheTokens);
    expect(out.kvCacheTokensHigh).toBeGreaterThan(out.kvCacheTokens);
    expect(out.uncertainty.basis).toMatch(/held-out/);
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
    expect(out.fits).toBe("does not fit");
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
    expect(r.stdout).toMatch(/kvCache .* KV cache: 1 × 0\.9 × 23\.52 GiB/);
    expect(r.stdout).toMatch(/KV cache [\d,]+ tokens ± [\d.]+ %/);
    expect(r.stdout).toContain("fits: yes");
  });

  it("names the option, the value and the fix for bad input (exit 2)", () => {
    const bad = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "RTX 4091");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gpu "RTX 4091"');
    expect(bad.stderr).toContain("RTX 4090D");
    const gmu = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100 SXM", "--gpu-memory-utilization", "1.5");
    expect(gmu.code).toBe(2);
    expect(gmu.stderr).toMatch(/--gpu-memory-utilization "1\.5" is not valid: .*outside \(0, 1\].*Fix: Use a fraction/);
    expect(estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100 SXM", "--tensor-parallel").code).toBe(2);
    const wsl = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100 SXM", "--wsl2=no");
    expect(wsl.code).toBe(2);
    expect(wsl.stderr).toContain('--wsl2 takes no value (got "no"). Fix: write --wsl2 alone, or leave it out.');
  });
});

describe("cli estimate takes the engine's own flags and pasted commands (spawned for real)", () => {
  it("accepts memory flags, and flags that change nothing with a note", () => {
    const r = estimate(
      ...["--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100", "--vllm-version", "0.11.0"],
      ...[
        "--block-size",
        "32",
        "--pipeline-parallel-size",
        "2",
        "--enable-prefix-caching",
        "--host",
        "0.0.0.0",
        "--json",
      ],
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings).toMatchObject({ blockSizeTokens: 32, pp: 2, profile: "v1-0.11" });
    expect(out.kvCacheTokens % 32).toBe(0);
    expect(out.notes.join("\n")).toContain("--host: accepted; it does not change the memory plan");
  });

  it("estimates exactly a pasted docker run, with the engine flags after it winning", () => {
    const command =
      "docker run --gpus all -e VLLM_USE_V1=0 vllm/vllm-openai:v0.8.4 --model Qwen/Qwen2.5-7B-Instruct --max-model-len 16384 --kv-cache-dtype fp8";
    const r = estimate("--command", command, "--gpu", "A100 80GB", "--gpu-memory-utilization", "0.8", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings.profile).toBe("v0-0.6.5");
    expect(out.maxModelLen).toBe(16_384);
    expect(out.kvBytesPerTokenPerGpu).toBe(28_672);
    expect(out.budgetBytesPerGpu).toBe(Math.floor(out.cudaTotalBytes * 0.8));
  });

  it("takes the release's own --gpu-memory-utilization when the command leaves it out: 0.92 from vLLM 0.20", () => {
    const budgetShare = (version: string) => {
      const r = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100", "--vllm-version", version, "--json");
      const out = JSON.parse(r.stdout);
      return { share: out.budgetBytesPerGpu / out.cudaTotalBytes, notes: out.notes.join("\n") };
    };
    expect(budgetShare("0.19.1").share).toBeCloseTo(0.9, 4);
    const recent = budgetShare("0.20.0");
    expect(recent.share).toBeCloseTo(0.92, 4);
    expect(recent.notes).toContain("--gpu-memory-utilization not given");
    const pasted = (command: string) =>
      JSON.parse(estimate("--command", command, "--gpu", "H100", "--json").stdout).budgetBytesPerGpu;
    const pastedTotal = JSON.parse(
      estimate("--command", "vllm serve Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100", "--json").stdout,
    ).cudaTotalBytes;
    expect(pasted("docker run vllm/vllm-openai:v0.22.0 --model Qwen/Qwen2.5-7B-Instruct") / pastedTotal).toBeCloseTo(
      0.92,
      4,
    );
    expect(
      pasted("docker run vllm/vllm-openai:v0.22.0 --model Qwen/Qwen2.5-7B-Instruct --gpu-memory-utilization 0.9") /
        pastedTotal,
    ).toBeCloseTo(0.9, 4);
  });

  it("refuses a flag no engine has, with the closest real one (exit 2)", () => {
    const r = estimate("--model", "Qwen/Qwen2.5-7B-Instruct", "--gpu", "H100", "--block-sise", "32");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--block-sise");
    expect(r.stderr).toContain("Did you mean --block-size?");
  });
});
