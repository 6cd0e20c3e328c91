import type { FlagSpec } from "../types";

/**
 * `text-generation-launcher` flags, checked against launcher/src/main.rs (struct Args, clap)
 * and docs/source/reference/launcher.md. Every flag is also read from its env var.
 */

export const TGI_QUANTIZE_METHODS = [
  "awq",
  "compressed-tensors",
  "eetq",
  "exl2",
  "gptq",
  "marlin",
  "bitsandbytes",
  "bitsandbytes-nf4",
  "bitsandbytes-fp4",
  "fp8",
] as const;

export const TGI_DTYPES = ["float16", "bfloat16"] as const;
export const TGI_KV_CACHE_DTYPES = ["fp8_e4m3fn", "fp8_e5m2"] as const;
export const TGI_ROPE_SCALING = ["linear", "dynamic"] as const;

export const TGI_FLAGS: readonly FlagSpec[] = [
  { name: "--model-id", kind: "string", env: "MODEL_ID", default: "bigscience/bloom-560m" },
  { name: "--revision", kind: "string", env: "REVISION" },
  { name: "--validation-workers", kind: "int", env: "VALIDATION_WORKERS", default: 2 },
  { name: "--sharded", kind: "choice", choices: ["true", "false"], env: "SHARDED" },
  { name: "--num-shard", kind: "int", env: "NUM_SHARD", min: 1 },
  { name: "--quantize", kind: "choice", choices: TGI_QUANTIZE_METHODS, env: "QUANTIZE" },
  { name: "--speculate", kind: "int", env: "SPECULATE" },
  { name: "--dtype", kind: "choice", choices: TGI_DTYPES, env: "DTYPE" },
  { name: "--kv-cache-dtype", kind: "choice", choices: TGI_KV_CACHE_DTYPES, env: "KV_CACHE_DTYPE" },
  { name: "--trust-remote-code", kind: "bool", env: "TRUST_REMOTE_CODE" },
  { name: "--max-concurrent-requests", kind: "int", env: "MAX_CONCURRENT_REQUESTS", default: 128, min: 1 },
  { name: "--max-best-of", kind: "int", env: "MAX_BEST_OF", default: 2 },
  { name: "--max-stop-sequences", kind: "int", env: "MAX_STOP_SEQUENCES", default: 4 },
  { name: "--max-top-n-tokens", kind: "int", env: "MAX_TOP_N_TOKENS", default: 5 },
  { name: "--max-input-tokens", kind: "int", env: "MAX_INPUT_TOKENS", min: 1 },
  {
    name: "--max-input-length",
    kind: "int",
    env: "MAX_INPUT_LENGTH",
    min: 1,
    note: "legacy name of --max-input-tokens",
  },
  { name: "--max-total-tokens", kind: "int", env: "MAX_TOTAL_TOKENS", min: 1 },
  { name: "--waiting-served-ratio", kind: "float", env: "WAITING_SERVED_RATIO", default: 0.3 },
  { name: "--max-batch-prefill-tokens", kind: "int", env: "MAX_BATCH_PREFILL_TOKENS", min: 1 },
  { name: "--max-batch-total-tokens", kind: "int", env: "MAX_BATCH_TOTAL_TOKENS", min: 1 },
  { name: "--max-waiting-tokens", kind: "int", env: "MAX_WAITING_TOKENS", default: 20 },
  { name: "--max-batch-size", kind: "int", env: "MAX_BATCH_SIZE" },
  { name: "--cuda-graphs", kind: "list", env: "CUDA_GRAPHS", default: "1,2,4,8,16,32" },
  { name: "--hostname", kind: "string", env: "HOSTNAME", default: "0.0.0.0" },
  { name: "--port", aliases: ["-p"], kind: "int", env: "PORT", default: 3000, min: 1, max: 65535 },
  { name: "--shard-uds-path", kind: "string", env: "SHARD_UDS_PATH", default: "/tmp/text-generation-server" },
  { name: "--master-addr", kind: "string", env: "MASTER_ADDR", default: "localhost" },
  { name: "--master-port", kind: "int", env: "MASTER_PORT", default: 29500 },
  { name: "--huggingface-hub-cache", kind: "string", env: "HUGGINGFACE_HUB_CACHE" },
  { name: "--weights-cache-override", kind: "string", env: "WEIGHTS_CACHE_OVERRIDE" },
  { name: "--disable-custom-kernels", kind: "bool", env: "DISABLE_CUSTOM_KERNELS" },
  {
    name: "--cuda-memory-fraction",
    kind: "float",
    env: "CUDA_MEMORY_FRACTION",
    default: 1,
    min: 0,
    max: 1,
    minExclusive: true,
  },
  { name: "--rope-scaling", kind: "choice", choices: TGI_ROPE_SCALING, env: "ROPE_SCALING" },
  { name: "--rope-factor", kind: "float", env: "ROPE_FACTOR", min: 0, minExclusive: true },
  { name: "--json-output", kind: "bool", env: "JSON_OUTPUT" },
  { name: "--otlp-endpoint", kind: "string", env: "OTLP_ENDPOINT" },
  { name: "--otlp-service-name", kind: "string", env: "OTLP_SERVICE_NAME" },
  { name: "--cors-allow-origin", kind: "list", env: "CORS_ALLOW_ORIGIN" },
  { name: "--api-key", kind: "string", env: "API_KEY" },
  { name: "--watermark-gamma", kind: "float", env: "WATERMARK_GAMMA" },
  { name: "--watermark-delta", kind: "float", env: "WATERMARK_DELTA" },
  { name: "--ngrok", kind: "bool", env: "NGROK" },
  { name: "--ngrok-authtoken", kind: "string", env: "NGROK_AUTHTOKEN" },
  { name: "--ngrok-edge", kind: "string", env: "NGROK_EDGE" },
  { name: "--tokenizer-config-path", kind: "string", env: "TOKENIZER_CONFIG_PATH" },
  { name: "--disable-grammar-support", kind: "bool", env: "DISABLE_GRAMMAR_SUPPORT" },
  { name: "--env", aliases: ["-e"], kind: "bool" },
  { name: "--max-client-batch-size", kind: "int", env: "MAX_CLIENT_BATCH_SIZE", default: 4 },
  { name: "--lora-adapters", kind: "string", env: "LORA_ADAPTERS" },
  { name: "--usage-stats", kind: "choice", choices: ["on", "off", "no-stack"], env: "USAGE_STATS", default: "on" },
  { name: "--payload-limit", kind: "int", env: "PAYLOAD_LIMIT", default: 2000000 },
  { name: "--enable-prefill-logprobs", kind: "bool", env: "ENABLE_PREFILL_LOGPROBS" },
  { name: "--prometheus-port", kind: "int", env: "PROMETHEUS_PORT", default: 9000 },
  { name: "--graceful-termination-timeout", kind: "int", env: "GRACEFUL_TERMINATION_TIMEOUT" },
];
