import type { FlagSpec } from "../types";

/**
 * `vllm serve` flags, checked against vllm/engine/arg_utils.py (EngineArgs.add_cli_args),
 * vllm/config/cache.py and vllm/entrypoints/openai/cli_args.py (FrontendArgs).
 * vLLM's FlexibleArgumentParser also accepts underscores (`--max_model_len`).
 */

/** vllm/model_executor/layers/quantization/__init__.py `QuantizationMethods`, union over 0.7–0.2x. */
export const VLLM_QUANTIZATION_METHODS = [
  "aqlm", "awq", "deepspeedfp", "tpu_int8", "fp8", "ptpc_fp8", "fbgemm_fp8", "deepgemm_fp8", "fp_quant",
  "modelopt", "modelopt_fp4", "modelopt_mxfp8", "modelopt_mixed", "marlin", "bitblas", "gguf",
  "gptq_marlin_24", "gptq_marlin", "gptq_bitblas", "awq_marlin", "gptq", "compressed-tensors",
  "bitsandbytes", "qqq", "hqq", "experts_int8", "neuron_quant", "ipex", "quark", "moe_wna16", "torchao",
  "auto-round", "rtn", "inc", "mxfp4", "petit_nvfp4", "cpu_gptq", "cpu_awq",
] as const;

/** vllm/config/cache.py `CacheDType` (older arg_utils: auto, fp8, fp8_e5m2, fp8_e4m3). */
export const VLLM_KV_CACHE_DTYPES = ["auto", "float16", "bfloat16", "int8", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_inc", "fp8_ds_mla"] as const;

export const VLLM_DTYPES = ["auto", "half", "float16", "bfloat16", "float", "float32"] as const;

export const VLLM_FLAGS: readonly FlagSpec[] = [
  // Model
  { name: "--model", kind: "string" },
  { name: "--served-model-name", kind: "list" },
  { name: "--tokenizer", kind: "string" },
  { name: "--tokenizer-mode", kind: "string" },
  { name: "--revision", kind: "string" },
  { name: "--code-revision", kind: "string" },
  { name: "--tokenizer-revision", kind: "string" },
  { name: "--trust-remote-code", kind: "bool" },
  { name: "--download-dir", kind: "string" },
  { name: "--load-format", kind: "string" },
  { name: "--dtype", kind: "choice", choices: VLLM_DTYPES, default: "auto" },
  { name: "--kv-cache-dtype", kind: "choice", choices: VLLM_KV_CACHE_DTYPES, default: "auto" },
  { name: "--max-model-len", kind: "int", min: 1 },
  { name: "--seed", kind: "int" },
  { name: "--quantization", aliases: ["-q"], kind: "choice", choices: VLLM_QUANTIZATION_METHODS },
  {
    name: "--rope-scaling",
    kind: "json",
    until: "0.11.1",
    note: "deprecated, then removed by vllm-project/vllm#28006 (merged 2025-11-04); use --hf-overrides '{\"rope_scaling\":{...}}'",
  },
  { name: "--rope-theta", kind: "float", until: "0.11.1", note: "removed with --rope-scaling; use --hf-overrides" },
  { name: "--hf-overrides", kind: "json" },
  { name: "--enforce-eager", kind: "bool", negatable: true },
  {
    name: "--max-seq-len-to-capture",
    kind: "int",
    default: 8192,
    until: "0.11.0",
    note: "removed by vllm-project/vllm#25543",
  },
  { name: "--disable-custom-all-reduce", kind: "bool" },
  { name: "--generation-config", kind: "string" },
  { name: "--limit-mm-per-prompt", kind: "json" },
  { name: "--max-logprobs", kind: "int", default: 20 },
  { name: "--task", kind: "string" },
  // Parallel
  { name: "--tensor-parallel-size", aliases: ["-tp"], kind: "int", default: 1, min: 1 },
  { name: "--pipeline-parallel-size", aliases: ["-pp"], kind: "int", default: 1, min: 1 },
  { name: "--data-parallel-size", aliases: ["-dp"], kind: "int", default: 1, min: 1 },
  { name: "--enable-expert-parallel", kind: "bool" },
  { name: "--distributed-executor-backend", kind: "choice", choices: ["ray", "mp", "uni", "external_launcher"] },
  { name: "--max-parallel-loading-workers", kind: "int" },
  // Cache
  { name: "--block-size", kind: "choice", choices: ["1", "8", "16", "32", "64", "128", "256"] },
  { name: "--gpu-memory-utilization", kind: "float", default: 0.9, min: 0, max: 1, minExclusive: true },
  {
    name: "--kv-cache-memory-bytes",
    aliases: ["--kv-cache-memory"],
    kind: "string",
    since: "0.10.2",
    note: "--kv-cache-memory works as argparse's prefix abbreviation",
  },
  { name: "--swap-space", kind: "float", default: 4, note: "V0 only; V1 does not use it" },
  { name: "--cpu-offload-gb", kind: "float", default: 0, min: 0 },
  { name: "--num-gpu-blocks-override", kind: "int", min: 1 },
  { name: "--enable-prefix-caching", kind: "bool", negatable: true },
  // Scheduler
  { name: "--max-num-batched-tokens", kind: "int", min: 1 },
  { name: "--max-num-seqs", kind: "int", min: 1 },
  { name: "--enable-chunked-prefill", kind: "bool", negatable: true },
  { name: "--scheduling-policy", kind: "choice", choices: ["fcfs", "priority"], default: "fcfs" },
  { name: "--disable-log-stats", kind: "bool" },
  {
    name: "--disable-log-requests",
    kind: "bool",
    until: "0.12.0",
    note: "deprecated in 0.10.2 (request logging is off by default; --enable-log-requests turns it on), removed by vllm-project/vllm#29402",
  },
  { name: "--enable-log-requests", kind: "bool", since: "0.10.2" },
  // LoRA / speculative
  { name: "--enable-lora", kind: "bool" },
  { name: "--max-loras", kind: "int" },
  { name: "--max-lora-rank", kind: "int" },
  { name: "--lora-modules", kind: "list" },
  { name: "--speculative-config", kind: "json" },
  { name: "--compilation-config", aliases: ["-O"], kind: "json" },
  // OpenAI-compatible server (cli_args.py)
  { name: "--host", kind: "string" },
  { name: "--port", kind: "int", default: 8000, min: 1, max: 65535 },
  { name: "--uvicorn-log-level", kind: "choice", choices: ["critical", "error", "warning", "info", "debug", "trace"], default: "info" },
  { name: "--disable-uvicorn-access-log", kind: "bool" },
  { name: "--api-key", kind: "string" },
  { name: "--chat-template", kind: "string" },
  { name: "--chat-template-content-format", kind: "choice", choices: ["auto", "string", "openai"], default: "auto" },
  { name: "--response-role", kind: "string" },
  { name: "--enable-auto-tool-choice", kind: "bool" },
  { name: "--tool-call-parser", kind: "string" },
  { name: "--tool-parser-plugin", kind: "string" },
  { name: "--reasoning-parser", kind: "string" },
  { name: "--allowed-origins", kind: "json" },
  { name: "--root-path", kind: "string" },
  { name: "--ssl-keyfile", kind: "string" },
  { name: "--ssl-certfile", kind: "string" },
  { name: "--max-log-len", kind: "int" },
  { name: "--enable-request-id-headers", kind: "bool" },
];
