import { describe, expect, it } from "vitest";
import { parseTgiArgs } from "../tgi/args";
import { parseVllmArgs } from "../vllm/args";
import { jaro } from "./clap";
import { humanReadableInt } from "./values";

describe("vLLM's argparse, as FlexibleArgumentParser drives it", () => {
  const ok = (args: string[], version = "0.11.0") => {
    const result = parseVllmArgs(args, version, "serve");
    if (!result.ok) throw new Error(result.message);
    return result.args.values;
  };

  it("reads --flag value, --flag=value, underscores, -tp, unique prefixes and --no-<flag>", () => {
    const values = ok([
      "Qwen/Qwen2.5-7B-Instruct",
      "--max_model_len=8192",
      "-tp",
      "2",
      "--kv-cache-memory",
      "4G",
      "--no-enforce-eager",
      "--gpu-memory-util",
      "0.8",
    ]);
    expect(values).toMatchObject({
      model_tag: "Qwen/Qwen2.5-7B-Instruct",
      max_model_len: 8192,
      tensor_parallel_size: 2,
      kv_cache_memory_bytes: 4 * 2 ** 30,
      enforce_eager: false,
      gpu_memory_utilization: 0.8,
    });
  });

  it("builds JSON from dotted keys and reads -O3", () => {
    const values = ok([
      "m",
      "--hf-overrides.rope_scaling.rope_type",
      "yarn",
      "--hf-overrides.rope_scaling.factor",
      "4",
      "-O3",
    ]);
    expect(values.hf_overrides).toEqual({ rope_scaling: { rope_type: "yarn", factor: 4 } });
    expect(values.compilation_config).toBe(3);
  });

  it("says which argument is wrong the way argparse does", () => {
    const fail = (args: string[], version = "0.11.0") => {
      const result = parseVllmArgs(args, version, "serve");
      return result.ok ? "accepted" : result.message.split("\n")[1];
    };
    expect(fail(["m", "--port", "eighty"])).toBe("vllm serve: error: argument --port: invalid int value: 'eighty'");
    expect(fail(["m", "--max-model-len", "lots"])).toBe(
      "vllm serve: error: argument --max-model-len: invalid human_readable_int value: 'lots'",
    );
    expect(fail(["m", "--max-model-len", "32k"], "0.8.5")).toBe(
      "vllm serve: error: argument --max-model-len: invalid int value: '32k'",
    );
    expect(fail(["m", "--port"])).toBe("vllm serve: error: argument --port: expected one argument");
    expect(fail(["m", "--max"])).toMatch(/^vllm serve: error: ambiguous option: --max could match --max-model-len, /);
    expect(fail(["m", "--enforce-eager=yes"])).toBe(
      "vllm serve: error: argument --enforce-eager: ignored explicit argument 'yes'",
    );
    expect(fail(["m", "--kv-cache-memory-bytes", "1G"], "0.10.1")).toBe(
      "vllm serve: error: unrecognized arguments: --kv-cache-memory-bytes 1G",
    );
  });

  it("reads human-readable sizes like vLLM: k = 1000, K = 1024, decimals only in lowercase", () => {
    expect(humanReadableInt("32k")).toBe(32_000);
    expect(humanReadableInt("32K")).toBe(32_768);
    expect(humanReadableInt("1.5m")).toBe(1_500_000);
    expect(humanReadableInt("1.5M")).toBeUndefined();
  });
});

describe("TGI's clap, with environment variables", () => {
  it("takes every option from its env var, the command line winning", () => {
    const result = parseTgiArgs(["--port", "8080"], "3.3.5", {
      MODEL_ID: "Qwen/Qwen2.5-7B-Instruct",
      NUM_SHARD: "2",
      PORT: "80",
      MAX_INPUT_TOKENS: "4096",
      TRUST_REMOTE_CODE: "true",
      QUANTIZE: "awq",
    });
    expect(result.ok && result.values).toMatchObject({
      model_id: "Qwen/Qwen2.5-7B-Instruct",
      num_shard: 2,
      port: 8080,
      max_input_tokens: 4096,
      trust_remote_code: true,
      quantize: "awq",
    });
  });

  it("refuses bad values, repeats and missing values with clap's wording", () => {
    const message = (args: string[]) => {
      const result = parseTgiArgs(args, "3.3.5", {});
      return result.ok ? "accepted" : result.message;
    };
    expect(message(["--num-shard", "two"])).toBe(
      "error: invalid value 'two' for '--num-shard <NUM_SHARD>': invalid digit found in string\n\nFor more information, try '--help'.\n",
    );
    expect(message(["--port", "1", "--port", "2"])).toContain(
      "error: the argument '--port <PORT>' cannot be used multiple times",
    );
    expect(message(["--model-id"])).toContain(
      "error: a value is required for '--model-id <MODEL_ID>' but none was supplied",
    );
    expect(message(["--max-total-token", "5"])).toContain("tip: a similar argument exists: '--max-total-tokens'");
    expect(message(["--max-input-tokens", "10"]).startsWith("accepted")).toBe(true);
  });

  it("uses strsim's Jaro similarity for its suggestions", () => {
    expect(jaro("martha", "marhta")).toBeCloseTo(0.9444, 4);
    expect(jaro("gptq_int4", "gptq")).toBeGreaterThan(0.7);
  });
});
