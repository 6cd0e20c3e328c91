import type { Engine } from "../vocabulary/layout-schema";
import type { InstancePatch } from "./patch";

/** A flag of one engine given to the other, and what the other engine calls it. */
export interface CrossFlag {
  /** The flag to use instead, or undefined when the engine has no equivalent. */
  use?: string;
  /** One sentence: how the target engine does this. */
  how: string;
  /** Translates the value when the meaning carries over 1:1. */
  value?: (value: string) => string | undefined;
  patch?: (value: string) => InstancePatch | undefined;
}

const int = (value: string): number | undefined => (/^\d+$/.test(value) ? Number(value) : undefined);
const fraction = (value: string): number | undefined => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n <= 1 ? n : undefined;
};
const intPatch = (make: (n: number) => InstancePatch) => (value: string) => {
  const n = int(value);
  return n === undefined ? undefined : make(n);
};

/** vLLM flags people give to TGI. Keys use dashes (vLLM also accepts underscores). */
const VLLM_FLAGS_FOR_TGI: Record<string, CrossFlag> = {
  "--tensor-parallel-size": {
    use: "--num-shard",
    how: "TGI shards with --num-shard",
    patch: intPatch((tp) => ({ tp })),
  },
  "-tp": { use: "--num-shard", how: "TGI shards with --num-shard", patch: intPatch((tp) => ({ tp })) },
  "--model": { use: "--model-id", how: "TGI names the model with --model-id", patch: (model) => ({ model }) },
  "--quantization": { use: "--quantize", how: "TGI quantizes with --quantize" },
  "-q": { use: "--quantize", how: "TGI quantizes with --quantize" },
  "--max-model-len": {
    use: "--max-total-tokens",
    how: "TGI caps prompt + generated tokens per request with --max-total-tokens",
    patch: intPatch((n) => ({ tgi: { maxTotalTokens: n } })),
  },
  "--gpu-memory-utilization": {
    use: "--cuda-memory-fraction",
    how: "TGI limits its share of GPU memory with --cuda-memory-fraction",
    patch: (v) => {
      const f = fraction(v);
      return f === undefined ? undefined : { tgi: { cudaMemoryFraction: f } };
    },
  },
  "--max-num-batched-tokens": {
    use: "--max-batch-prefill-tokens",
    how: "TGI limits the tokens of one prefill batch with --max-batch-prefill-tokens",
    patch: intPatch((n) => ({ tgi: { maxBatchPrefillTokens: n } })),
  },
  "--max-num-seqs": {
    use: "--max-concurrent-requests",
    how: "TGI caps concurrent requests with --max-concurrent-requests",
  },
  "--enforce-eager": {
    use: "--cuda-graphs 0",
    how: "TGI turns CUDA graphs off with --cuda-graphs 0",
    value: () => "",
    patch: () => ({ enforceEager: true }),
  },
  "--host": { use: "--hostname", how: "TGI listens on --hostname" },
  "--served-model-name": { how: "TGI serves the model under its --model-id and has no alias flag" },
  "--pipeline-parallel-size": { how: "TGI has no pipeline parallelism; it shards tensors with --num-shard" },
  "--swap-space": { how: "TGI has no CPU swap space" },
  "--enable-prefix-caching": { how: "TGI 3.x caches prefixes by default (env PREFIX_CACHING=0 turns it off)" },
};

/** TGI flags people give to vLLM. */
const TGI_FLAGS_FOR_VLLM: Record<string, CrossFlag> = {
  "--num-shard": {
    use: "--tensor-parallel-size",
    how: "vLLM shards with --tensor-parallel-size (-tp)",
    patch: intPatch((tp) => ({ tp })),
  },
  "--sharded": { use: "--tensor-parallel-size", how: "vLLM shards with --tensor-parallel-size (-tp)" },
  "--model-id": {
    use: "--model",
    how: "vLLM takes the model as `vllm serve <model>` or --model",
    patch: (model) => ({ model }),
  },
  "--quantize": { use: "--quantization", how: "vLLM quantizes with --quantization (-q)" },
  "--max-total-tokens": {
    use: "--max-model-len",
    how: "vLLM caps prompt + generated tokens per request with --max-model-len",
    patch: intPatch((maxModelLen) => ({ maxModelLen })),
  },
  "--max-input-tokens": { use: "--max-model-len", how: "vLLM has one limit for prompt + output, --max-model-len" },
  "--max-input-length": { use: "--max-model-len", how: "vLLM has one limit for prompt + output, --max-model-len" },
  "--cuda-memory-fraction": {
    use: "--gpu-memory-utilization",
    how: "vLLM takes its share of GPU memory with --gpu-memory-utilization",
    patch: (v) => {
      const f = fraction(v);
      return f === undefined ? undefined : { gpuMemoryUtilization: f };
    },
  },
  "--max-batch-prefill-tokens": {
    use: "--max-num-batched-tokens",
    how: "vLLM limits the tokens of one step with --max-num-batched-tokens",
    patch: intPatch((maxNumBatchedTokens) => ({ maxNumBatchedTokens })),
  },
  "--max-batch-total-tokens": {
    how: "vLLM sizes its KV cache from --gpu-memory-utilization (or --kv-cache-memory-bytes), not a token count",
  },
  "--max-concurrent-requests": { use: "--max-num-seqs", how: "vLLM caps running sequences with --max-num-seqs" },
  "--hostname": { use: "--host", how: "vLLM listens on --host" },
  "--cuda-graphs": { use: "--enforce-eager", how: "vLLM turns CUDA graphs off with --enforce-eager" },
  "--rope-factor": {
    use: "--hf-overrides",
    how: "vLLM sets rope scaling with --hf-overrides '{\"rope_scaling\":{...}}'",
  },
};

export function crossEngineFlag(engine: Engine, flag: string): CrossFlag | undefined {
  const key = flag.startsWith("--") ? `--${flag.slice(2).replaceAll("_", "-")}` : flag;
  return engine === "tgi" ? VLLM_FLAGS_FOR_TGI[key] : TGI_FLAGS_FOR_VLLM[key];
}
