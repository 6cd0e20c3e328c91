import { describe, expect, it } from "vitest";
import { makeInstance } from "../layout/testing/rule-fixtures";
import { dockerRunLine, dockerRunWords } from "./docker-run";
import { shellQuote } from "./shell-quote";
import { tgiArgs, tgiImage } from "./tgi/command";
import { vllmArgs, vllmImage, vllmServeCommand } from "./vllm/command";

const yarn = { type: "yarn" as const, factor: 4, originalMaxPositionEmbeddings: 32768 };

describe("vLLM command", () => {
  it("writes only what differs from the defaults", () => {
    expect(vllmServeCommand(makeInstance({ engineVersion: "0.19.1" }))).toEqual([
      "vllm",
      "serve",
      "Qwen/Qwen2.5-7B-Instruct",
    ]);
    expect(vllmServeCommand(makeInstance({ engineVersion: "0.22.0", gpuMemoryUtilization: 0.92 }))).toEqual([
      "vllm",
      "serve",
      "Qwen/Qwen2.5-7B-Instruct",
    ]);
    expect(vllmArgs(makeInstance({ tp: 2, gpuMemoryUtilization: 0.8, enforceEager: true }))).toEqual([
      "--model",
      "Qwen/Qwen2.5-7B-Instruct",
      "--tensor-parallel-size",
      "2",
      "--gpu-memory-utilization",
      "0.8",
      "--enforce-eager",
    ]);
  });

  it("states 0.9 on releases whose own default is 0.92 (0.20+), and always when the release is unknown", () => {
    expect(vllmArgs(makeInstance({ engineVersion: "0.20.0" }))).toContain("--gpu-memory-utilization");
    expect(vllmArgs(makeInstance({ engineVersion: "0.19.1" }))).not.toContain("--gpu-memory-utilization");
    expect(vllmArgs(makeInstance({ gpuMemoryUtilization: 0.92 }))).toContain("--gpu-memory-utilization");
  });
  it("sets YaRN with --rope-scaling before 0.11 and --hf-overrides from 0.11", () => {
    const old = vllmArgs(makeInstance({ engineVersion: "0.8.5", ropeScaling: yarn }));
    expect(old).toContain("--rope-scaling");
    expect(old).toContain('{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}');
    const current = vllmArgs(makeInstance({ engineVersion: "0.11.0", ropeScaling: yarn }));
    expect(current).toContain("--hf-overrides");
    expect(current).toContain(
      '{"rope_scaling":{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}',
    );
  });
  it("names the image by release", () => {
    expect(vllmImage({ engineVersion: "0.10.1" })).toBe("vllm/vllm-openai:v0.10.1");
    expect(vllmImage({})).toBe("vllm/vllm-openai:latest");
  });
});

describe("TGI command", () => {
  it("shards with --num-shard and spells dtypes the launcher's way", () => {
    const instance = makeInstance({
      engine: "tgi",
      tp: 2,
      dtype: "half",
      kvCacheDtype: "fp8",
      quantization: "gptq",
      tgi: { maxTotalTokens: 8192 },
    });
    expect(tgiArgs(instance)).toEqual([
      "--model-id",
      "Qwen/Qwen2.5-7B-Instruct",
      "--num-shard",
      "2",
      "--quantize",
      "gptq",
      "--dtype",
      "float16",
      "--kv-cache-dtype",
      "fp8_e4m3fn",
      "--max-total-tokens",
      "8192",
    ]);
    expect(tgiImage({ engineVersion: "3.3.5" })).toBe("ghcr.io/huggingface/text-generation-inference:3.3.5");
  });
});

describe("docker run", () => {
  it("pins GPUs, shares IPC for vLLM, publishes the port and quotes for the shell", () => {
    const instance = makeInstance({
      id: "qwen-a",
      placement: { hostId: "box", gpuIndices: [0, 1] },
      tp: 2,
      port: 8001,
      limits: { memoryBytes: 32 * 2 ** 30, cpus: 8 },
      engineVersion: "0.8.5",
      ropeScaling: yarn,
      maxModelLen: 131072,
    });
    const line = dockerRunLine(instance);
    expect(line).toContain(
      `--gpus '"device=0,1"' --ipc=host -p 8001:8000 -v ~/.cache/huggingface:/root/.cache/huggingface --memory 32g --cpus 8 -e HF_TOKEN vllm/vllm-openai:v0.8.5`,
    );
    expect(line).toContain(
      `--rope-scaling '{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}'`,
    );
  });
  it("gives TGI shared memory and the /data cache", () => {
    const words = dockerRunWords(makeInstance({ engine: "tgi" }));
    expect(words).toEqual(
      expect.arrayContaining(["--shm-size", "1g", "-p", "80:80", "-v", "~/.cache/huggingface:/data"]),
    );
  });
  it("breaks a long line with continuations", () => {
    const line = dockerRunLine(makeInstance({ engine: "tgi", tp: 2 }), { multiline: true });
    expect(line.split(" \\\n  ").length).toBeGreaterThan(5);
  });
});

describe("shellQuote", () => {
  it.each([
    ["plain", "plain"],
    ["a b", "'a b'"],
    ["it's", `'it'\\''s'`],
    ['"device=0"', `'"device=0"'`],
    ["~/.cache:/data", "~/.cache:/data"],
    ["", "''"],
  ])("%s → %s", (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
