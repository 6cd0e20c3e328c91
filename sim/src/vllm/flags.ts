import type { OptionSpec } from "../cli/spec";

/**
 * `vllm serve` options the simulator accepts, checked against vllm/engine/arg_utils.py
 * (EngineArgs.add_cli_args and the config dataclasses it reads: ModelConfig, CacheConfig,
 * ParallelConfig, SchedulerConfig, LoadConfig, LoRAConfig, ObservabilityConfig) and
 * vllm/entrypoints/openai/cli_args.py (FrontendArgs) of 0.8–0.11. A real option missing here is
 * a simulator bug: add it. Options removed in a release carry `until`.
 */
export const VLLM_QUANTIZATION = [
  "aqlm", "awq", "deepspeedfp", "tpu_int8", "fp8", "ptpc_fp8", "fbgemm_fp8", "modelopt", "modelopt_fp4",
  "marlin", "bitblas", "gguf", "gptq_marlin_24", "gptq_marlin", "gptq_bitblas", "awq_marlin", "gptq",
  "compressed-tensors", "bitsandbytes", "qqq", "hqq", "experts_int8", "neuron_quant", "ipex", "quark",
  "moe_wna16", "torchao", "auto-round", "rtn", "inc", "mxfp4", "petit_nvfp4",
] as const;

const s = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, kind: "string", ...extra });
const i = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, kind: "int", ...extra });
const f = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, kind: "float", ...extra });
const b = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, kind: "bool", ...extra });
const j = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, kind: "json", ...extra });
const c = (name: string, choices: readonly string[], extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, kind: "choice", choices, ...extra });

export const VLLM_OPTIONS: readonly OptionSpec[] = [
  // ModelConfig
  s("--model"), c("--task", ["auto", "generate", "embedding", "embed", "classify", "score", "reward", "transcription", "draft"]),
  s("--runner"), s("--convert"), s("--tokenizer"), c("--tokenizer-mode", ["auto", "slow", "mistral", "custom"]),
  b("--trust-remote-code"), c("--dtype", ["auto", "half", "float16", "bfloat16", "float", "float32"]), i("--seed"),
  s("--hf-config-path"), s("--allowed-local-media-path"), s("--allowed-media-domains", { many: true, since: "0.11.0" }),
  s("--revision"), s("--code-revision"), j("--rope-scaling", { until: "0.11.1" }), f("--rope-theta", { until: "0.11.1" }),
  s("--tokenizer-revision"), { name: "--max-model-len", kind: "size" }, c("--quantization", VLLM_QUANTIZATION, { aliases: ["-q"] }),
  b("--enforce-eager"), i("--max-seq-len-to-capture", { until: "0.11.0" }), i("--max-logprobs"), s("--logprobs-mode"),
  b("--disable-sliding-window"), b("--disable-cascade-attn"), b("--skip-tokenizer-init"), b("--enable-prompt-embeds"),
  s("--served-model-name", { many: true }), b("--disable-async-output-proc", { until: "0.11.0" }), c("--config-format", ["auto", "hf", "mistral"]),
  s("--hf-token"), j("--hf-overrides"), j("--override-neuron-config", { until: "0.11.0" }), j("--pooler-config"), j("--override-pooler-config", { until: "0.11.0" }),
  s("--logits-processor-pattern"), s("--generation-config"), j("--override-generation-config"), b("--enable-sleep-mode"),
  s("--model-impl"), j("--override-attention-dtype"), s("--logits-processors", { many: true }), s("--io-processor-plugin"),
  // LoadConfig
  s("--load-format"), s("--download-dir"), j("--model-loader-extra-config"), s("--ignore-patterns", { many: true }),
  b("--use-tqdm-on-load"), j("--pt-load-map-location"), s("--safetensors-load-strategy"),
  // DecodingConfig / StructuredOutputsConfig
  s("--guided-decoding-backend", { until: "0.11.0" }), b("--guided-decoding-disable-fallback", { until: "0.11.0" }),
  b("--guided-decoding-disable-any-whitespace", { until: "0.11.0" }), s("--reasoning-parser"), j("--structured-outputs-config", { since: "0.11.0" }),
  // ParallelConfig
  c("--distributed-executor-backend", ["ray", "mp", "uni", "external_launcher"]), i("--pipeline-parallel-size", { aliases: ["-pp"] }),
  i("--tensor-parallel-size", { aliases: ["-tp"] }), i("--decode-context-parallel-size", { aliases: ["-dcp"], since: "0.11.0" }),
  i("--data-parallel-size", { aliases: ["-dp"] }), i("--data-parallel-rank", { aliases: ["-dpn"] }), i("--data-parallel-start-rank", { aliases: ["-dpr"] }),
  i("--data-parallel-size-local", { aliases: ["-dpl"] }), s("--data-parallel-address", { aliases: ["-dpa"] }), i("--data-parallel-rpc-port", { aliases: ["-dpp"] }),
  s("--data-parallel-backend", { aliases: ["-dpb"] }), b("--data-parallel-hybrid-lb"), b("--enable-expert-parallel"), b("--enable-dbo"),
  b("--enable-eplb"), j("--eplb-config"), i("--num-redundant-experts"), i("--max-parallel-loading-workers"),
  b("--ray-workers-use-nsight"), b("--disable-custom-all-reduce"), s("--worker-cls"), s("--worker-extension-cls"),
  b("--enable-multimodal-encoder-data-parallel"),
  // CacheConfig
  c("--block-size", ["1", "8", "16", "32", "64", "128", "256"]), f("--gpu-memory-utilization"),
  { name: "--kv-cache-memory-bytes", kind: "size", since: "0.10.2" }, f("--swap-space"),
  c("--kv-cache-dtype", ["auto", "bfloat16", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_inc"]), i("--num-gpu-blocks-override"),
  b("--enable-prefix-caching"), c("--prefix-caching-hash-algo", ["builtin", "sha256", "sha256_cbor", "sha256_cbor_64bit"]),
  f("--cpu-offload-gb"), b("--calculate-kv-scales"), b("--kv-sharing-fast-prefill"), s("--mamba-cache-dtype"), s("--mamba-ssm-cache-dtype"),
  // MultiModalConfig
  j("--limit-mm-per-prompt"), j("--media-io-kwargs"), j("--mm-processor-kwargs"), f("--mm-processor-cache-gb"),
  b("--disable-mm-preprocessor-cache"), s("--mm-encoder-tp-mode"), b("--interleave-mm-strings"), b("--skip-mm-profiling"),
  // LoRAConfig
  b("--enable-lora"), b("--enable-lora-bias"), i("--max-loras"), i("--max-lora-rank"), i("--lora-extra-vocab-size"),
  s("--lora-dtype"), i("--max-cpu-loras"), b("--fully-sharded-loras"), j("--default-mm-loras"), s("--lora-modules", { many: true }),
  // ObservabilityConfig
  s("--show-hidden-metrics-for-version"), s("--otlp-traces-endpoint"), s("--collect-detailed-traces", { many: true }),
  // SchedulerConfig
  i("--max-num-batched-tokens", { kind: "size" }), i("--max-num-seqs"), i("--max-num-partial-prefills"), i("--max-long-partial-prefills"),
  i("--long-prefill-token-threshold"), i("--num-lookahead-slots"), f("--scheduler-delay-factor", { until: "0.11.0" }),
  b("--enable-chunked-prefill"), b("--disable-chunked-mm-input"), c("--scheduling-policy", ["fcfs", "priority"]),
  s("--scheduler-cls"), b("--disable-hybrid-kv-cache-manager"), b("--async-scheduling"),
  i("--cuda-graph-sizes", { many: true, until: "0.12.0" }), c("--preemption-mode", ["recompute", "swap"], { until: "0.11.0" }),
  i("--num-scheduler-steps", { until: "0.10.0" }), b("--multi-step-stream-outputs", { until: "0.10.0" }),
  // Speculative / compilation / others
  j("--speculative-config"), j("--kv-transfer-config"), j("--kv-events-config"), j("--compilation-config", { aliases: ["-O"] }),
  j("--additional-config"), b("--disable-log-stats"), b("--disable-log-requests", { until: "0.12.0" }), b("--enable-log-requests", { since: "0.10.2" }),
  s("--device", { until: "0.11.0" }),
  // FrontendArgs (cli_args.py) and `vllm serve`
  s("--host"), i("--port"), s("--uds"), c("--uvicorn-log-level", ["critical", "debug", "error", "info", "trace", "warning"]),
  b("--disable-uvicorn-access-log"), b("--allow-credentials"), j("--allowed-origins"), j("--allowed-methods"), j("--allowed-headers"),
  s("--api-key", { many: true }), s("--chat-template"), c("--chat-template-content-format", ["auto", "string", "openai"]),
  b("--trust-request-chat-template"), s("--response-role"), s("--ssl-keyfile"), s("--ssl-certfile"), s("--ssl-ca-certs"),
  b("--enable-ssl-refresh"), i("--ssl-cert-reqs"), s("--root-path"), s("--middleware", { many: true }),
  b("--return-tokens-as-token-ids"), b("--disable-frontend-multiprocessing"), b("--enable-request-id-headers"),
  b("--enable-auto-tool-choice"), b("--exclude-tools-when-tool-choice-none"), s("--tool-call-parser"), s("--tool-parser-plugin"),
  s("--tool-server"), s("--log-config-file"), i("--max-log-len"), b("--disable-fastapi-docs"), b("--enable-prompt-tokens-details"),
  b("--enable-server-load-tracking"), b("--enable-force-include-usage"), b("--enable-tokenizer-info-endpoint"),
  b("--enable-log-outputs"), i("--h11-max-incomplete-event-size"), i("--h11-max-header-count"), b("--log-error-stack"),
  b("--headless"), i("--api-server-count", { aliases: ["-asc"] }), s("--config"), s("--prompt-adapters", { until: "0.10.0" }),
  b("--enable-prompt-adapter", { until: "0.10.0" }),
];
