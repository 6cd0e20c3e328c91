import { describe, expect, it } from "vitest";
import { validateInstance } from "../../layout/rules";
import type { Instance } from "../../vocabulary/layout-schema";
import { parseCommandText } from "./index";
import { archOf, TEST_LOOKUP } from "../../layout/testing/rule-fixtures";

/** Copied from seed/qwen2.5-7b-container-deployment.zh.md, in the page's flattened `\ ` form. */
const SEED_TGI = `docker run --gpus all \\ -p 8080:80 \\ --memory="32g" \\ --cpus="8" \\ -e HUGGING_FACE_HUB_TOKEN="your_token" \\ ghcr.io/huggingface/text-generation-inference:latest \\ --model-id Qwen/Qwen2.5-7B-Instruct \\ --max-input-length 32768 \\ --max-total-tokens 131072 \\ --quantize gptq_int4 \\ --tensor-parallel-size 4`;

const SEED_PYTHON = `from vllm import LLM, SamplingParams # 初始化模型（自动加载 GPTQ 量化权重） llm = LLM( model="Qwen/Qwen2.5-7B-Instruct", quantization="gptq", tensor_parallel_size=4, max_model_len=131072 ) # 生成参数 sampling_params = SamplingParams(temperature=0.7, top_p=0.9, max_tokens=512)`;

const allFindings = (text: string) => {
  const parsed = parseCommandText(text, { lookup: TEST_LOOKUP });
  const instance = parsed.instance as Instance;
  const rules = parsed.complete ? validateInstance(instance, archOf(instance.model), TEST_LOOKUP) : [];
  return { parsed, findings: [...parsed.findings, ...rules] };
};

describe("the seed article's TGI command", () => {
  const { parsed, findings } = allFindings(SEED_TGI);

  it("is read as a TGI docker run with its limits", () => {
    expect(parsed.source).toBe("docker-run");
    expect(parsed.engine).toBe("tgi");
    expect(parsed.instance).toMatchObject({
      model: "Qwen/Qwen2.5-7B-Instruct",
      port: 8080,
      limits: { memoryBytes: 32 * 2 ** 30, cpus: 8 },
      tgi: { maxInputTokens: 32768, maxTotalTokens: 131072 },
    });
  });

  it("rejects --quantize gptq_int4 and names gptq with a GPTQ checkpoint", () => {
    const finding = findings.find((f) => f.field === "--quantize");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("gptq_int4");
    expect(finding?.fix).toContain(
      "--quantize gptq (with a GPTQ checkpoint such as Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4)",
    );
    expect(finding?.patch).toEqual({ quantization: "gptq", model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4" });
  });

  it("rejects --tensor-parallel-size and points to --num-shard 4", () => {
    const finding = findings.find((f) => f.field === "--tensor-parallel-size");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("TGI shards with --num-shard");
    expect(finding?.fix).toBe("Use --num-shard 4.");
    expect(finding?.patch).toEqual({ tp: 4 });
  });

  it("warns that --max-input-length was renamed --max-input-tokens", () => {
    const finding = findings.find((f) => f.code === "flag.renamed");
    expect(finding?.severity).toBe("warning");
    expect(finding?.fix).toBe("Use --max-input-tokens 32768.");
    // Its one-click fix keeps the value under the new name (and clears the warning in the designer).
    expect(finding?.patch?.tgi?.maxInputTokens).toBe(32768);
  });

  it("finds max_total_tokens 131072 above 32768 and gives the rope scaling fix", () => {
    const finding = findings.find((f) => f.code === "context.needs-rope-scaling");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("131072");
    expect(finding?.message).toContain("32768");
    expect(finding?.fix).toContain("--rope-scaling dynamic --rope-factor 4.0");
    expect(finding?.fix).toContain('"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768');
    expect(finding?.patch?.ropeScaling).toEqual({ type: "dynamic", factor: 4, originalMaxPositionEmbeddings: 32768 });
  });
});

describe("the seed article's LLM(...) call", () => {
  const { parsed, findings } = allFindings(SEED_PYTHON);

  it("is read as vLLM with its keyword arguments", () => {
    expect(parsed.source).toBe("python-llm");
    expect(parsed.instance).toMatchObject({
      engine: "vllm",
      model: "Qwen/Qwen2.5-7B-Instruct",
      quantization: "gptq",
      tp: 4,
      maxModelLen: 131072,
    });
    expect(parsed.findings).toEqual([]);
  });

  it("finds the GPTQ quantization on a checkpoint that is not GPTQ", () => {
    const finding = findings.find((f) => f.code === "quant.checkpoint-not-quantized");
    expect(finding?.message).toContain("Qwen/Qwen2.5-7B-Instruct is not GPTQ-quantized");
    expect(finding?.fix).toContain("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4");
    expect(finding?.patch).toEqual({ model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4" });
  });

  it("finds max_model_len 131072 without YaRN and gives the vLLM flag", () => {
    const finding = findings.find((f) => f.code === "context.needs-rope-scaling");
    expect(finding?.fix).toContain(
      `--hf-overrides '{"rope_scaling":{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}'`,
    );
    expect(finding?.patch?.ropeScaling).toEqual({ type: "yarn", factor: 4, originalMaxPositionEmbeddings: 32768 });
  });

  it("has exactly these two errors", () => {
    expect(
      findings
        .filter((f) => f.severity === "error")
        .map((f) => f.code)
        .sort(),
    ).toEqual(["context.needs-rope-scaling", "quant.checkpoint-not-quantized"]);
  });
});

describe("correct commands", () => {
  it.each([
    `docker run --gpus '"device=0,1"' --shm-size 1g -p 8080:80 -v ~/.cache/huggingface:/data ghcr.io/huggingface/text-generation-inference:3.3.5 --model-id Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4 --quantize gptq --num-shard 2 --max-input-tokens 8191 --max-total-tokens 8192`,
    `docker run --runtime nvidia --gpus all --ipc=host -p 8000:8000 vllm/vllm-openai:v0.8.5 --model Qwen/Qwen2.5-7B-Instruct --rope-scaling '{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":32768}' --max-model-len 131072`,
    `vllm serve Qwen/Qwen2.5-7B-Instruct \\\n  --tensor-parallel-size 2 \\\n  --max-model-len 32768 \\\n  --gpu-memory-utilization 0.85`,
    `LLM(model="Qwen/Qwen2.5-7B-Instruct-AWQ",  # the AWQ checkpoint\n    quantization="awq",\n    max_model_len=16_384, enforce_eager=True)`,
  ])("%s yields no findings", (text) => {
    expect(allFindings(text).findings).toEqual([]);
  });

  it("ignores a docker pull before the run, with a note", () => {
    const parsed = parseCommandText(`docker pull vllm/vllm-openai:v0.10.1\nvllm serve Qwen/Qwen2.5-7B-Instruct`, {
      lookup: TEST_LOOKUP,
    });
    expect(parsed.source).toBe("vllm-serve");
    expect(parsed.notes.some((n) => n.includes("docker pull"))).toBe(true);
    expect(parsed.findings).toEqual([]);
  });

  it("says so when the text holds no server command", () => {
    const parsed = parseCommandText("nvidia-smi");
    expect(parsed.findings[0]?.code).toBe("parse.no-command");
  });
});

describe("docker run wrapper checks", () => {
  const codes = (text: string) => parseCommandText(text, { lookup: TEST_LOOKUP }).findings.map((f) => f.code);
  it("wants --ipc=host for vLLM and shared memory for sharded TGI", () => {
    expect(codes("docker run --gpus all vllm/vllm-openai:v0.10.1 --model Qwen/Qwen2.5-7B-Instruct")).toEqual([
      "docker.vllm-shared-memory",
    ]);
    expect(
      codes(
        `docker run --gpus '"device=0,1"' ghcr.io/huggingface/text-generation-inference:3.3.5 --model-id Qwen/Qwen2.5-7B-Instruct`,
      ),
    ).toEqual(["docker.tgi-shared-memory"]);
  });
  it("catches too few GPUs, no GPUs and a port nothing listens on", () => {
    expect(codes(`docker run --ipc=host --gpus 1 vllm/vllm-openai:v0.10.1 --model m -tp 2`)).toEqual([
      "docker.too-few-gpus",
    ]);
    expect(codes(`docker run --ipc=host vllm/vllm-openai:v0.10.1 --model m`)).toEqual(["docker.no-gpus"]);
    expect(codes(`docker run --ipc=host --gpus all -p 8080:80 vllm/vllm-openai:v0.10.1 --model m`)).toEqual([
      "docker.port-mismatch",
    ]);
  });
  it("reads TGI settings from -e env vars and GPUs from CUDA_VISIBLE_DEVICES", () => {
    const parsed = parseCommandText(
      `docker run --gpus all --shm-size 1g -e NUM_SHARD=2 -e MODEL_ID=Qwen/Qwen2.5-7B-Instruct ghcr.io/huggingface/text-generation-inference:3.3.5`,
    );
    expect(parsed.instance).toMatchObject({ tp: 2, model: "Qwen/Qwen2.5-7B-Instruct", engineVersion: "3.3.5" });
    expect(parseCommandText("CUDA_VISIBLE_DEVICES=2,3 vllm serve m -tp 2").gpuIndices).toEqual([2, 3]);
  });
});
