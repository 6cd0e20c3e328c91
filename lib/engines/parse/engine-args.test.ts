import { describe, expect, it } from "vitest";
import { splitEngineArgs } from "./engine-args";
import { parseCommandText } from "./index";
import type { Instance } from "../../vocabulary/layout-schema";
import { vllmEnv } from "../vllm/memory-args";

describe("engine argument words", () => {
  it("gives a vLLM list flag every word up to the next flag, as argparse's nargs='+' does", () => {
    const { flags, positionals } = splitEngineArgs("vllm", [
      "--cuda-graph-sizes",
      "1",
      "2",
      "4",
      "--max-num-seqs",
      "8",
    ]);
    expect(flags).toEqual([
      { flag: "--cuda-graph-sizes", value: "1,2,4" },
      { flag: "--max-num-seqs", value: "8" },
    ]);
    expect(positionals).toEqual([]);
  });

  it("keeps TGI's comma-separated list to one word", () => {
    const { flags, positionals } = splitEngineArgs("tgi", ["--cuda-graphs", "1,2,4", "extra"]);
    expect(flags).toEqual([{ flag: "--cuda-graphs", value: "1,2,4" }]);
    expect(positionals).toEqual(["extra"]);
  });

  it("reads space-separated capture sizes from a pasted vllm serve line without an unexpected-argument error", () => {
    const parsed = parseCommandText("vllm serve meta-llama/Llama-3.1-8B-Instruct --cuda-graph-sizes 1 2 4");
    expect(parsed.findings.map((f) => f.code)).not.toContain("flag.unexpected-argument");
    expect(parsed.instance.vllm?.cudaGraphSizes).toEqual([1, 2, 4]);
  });
});

describe("the memory-relevant VLLM_* switches", () => {
  it("reads them from -e and from a KEY=value prefix, and a command built from them carries them back", () => {
    const fromDocker = parseCommandText(
      "docker run -e VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=0 -e VLLM_USE_V2_MODEL_RUNNER=1 vllm/vllm-openai:v0.24.0 --model Qwen/Qwen2.5-7B-Instruct",
    );
    expect(fromDocker.instance.vllm).toMatchObject({ estimateCudaGraphs: false, modelRunnerV2: true });
    const fromPrefix = parseCommandText(
      "VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1 vllm serve Qwen/Qwen2.5-7B-Instruct",
    );
    expect(fromPrefix.instance.vllm?.estimateCudaGraphs).toBe(true);
  });

  it("reads PyTorch's TORCH_BLAS_PREFER_HIPBLASLT (ROCm's GEMM library) and writes it back into the container's env", () => {
    const parsed = parseCommandText(
      "TORCH_BLAS_PREFER_HIPBLASLT=0 python -m vllm.entrypoints.openai.api_server --model meta-llama/Llama-3.1-8B-Instruct",
    );
    expect(parsed.instance.vllm?.preferHipBlasLt).toBe(false);
    expect(vllmEnv({ vllm: parsed.instance.vllm } as Instance)).toMatchObject({
      TORCH_BLAS_PREFER_HIPBLASLT: "0",
    });
  });
});
