import type { OptionSpec } from "../cli/spec";

/**
 * `text-generation-launcher` options as launcher/src/main.rs (struct Args, clap 4 derive) declares
 * them: every option but --env is also read from its environment variable (SCREAMING_SNAKE of the
 * field). Enum values in clap's order (ValueEnum derive: kebab-case of the variants).
 */
export const TGI_QUANTIZE = ["awq", "compressed-tensors", "eetq", "exl2", "gptq", "marlin", "bitsandbytes", "bitsandbytes-nf4", "bitsandbytes-fp4", "fp8"] as const;

const opt = (name: string, kind: OptionSpec["kind"], extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  kind,
  env: name.slice(2).replace(/-/g, "_").toUpperCase(),
  ...extra,
});

export const TGI_OPTIONS: readonly OptionSpec[] = [
  opt("--model-id", "string"),
  opt("--revision", "string"),
  opt("--validation-workers", "int"),
  opt("--sharded", "choice", { choices: ["true", "false"] }),
  opt("--num-shard", "int"),
  opt("--quantize", "choice", { choices: TGI_QUANTIZE }),
  opt("--speculate", "int"),
  opt("--dtype", "choice", { choices: ["float16", "bfloat16"] }),
  opt("--kv-cache-dtype", "choice", { choices: ["fp8_e4m3fn", "fp8_e5m2"], since: "2.4.0" }),
  opt("--trust-remote-code", "bool"),
  opt("--max-concurrent-requests", "int"),
  opt("--max-best-of", "int"),
  opt("--max-stop-sequences", "int"),
  opt("--max-top-n-tokens", "int"),
  opt("--max-input-tokens", "int", { since: "2.0.0" }),
  opt("--max-input-length", "int"),
  opt("--max-total-tokens", "int"),
  opt("--waiting-served-ratio", "float"),
  opt("--max-batch-prefill-tokens", "int"),
  opt("--max-batch-total-tokens", "int"),
  opt("--max-waiting-tokens", "int"),
  opt("--max-batch-size", "int"),
  opt("--cuda-graphs", "list"),
  opt("--hostname", "string"),
  opt("--port", "int", { aliases: ["-p"] }),
  opt("--prometheus-port", "int", { since: "3.1.0" }),
  opt("--shard-uds-path", "string"),
  opt("--master-addr", "string"),
  opt("--master-port", "int"),
  opt("--huggingface-hub-cache", "string"),
  opt("--weights-cache-override", "string"),
  opt("--disable-custom-kernels", "bool"),
  opt("--cuda-memory-fraction", "float"),
  opt("--rope-scaling", "choice", { choices: ["linear", "dynamic"] }),
  opt("--rope-factor", "float"),
  opt("--json-output", "bool"),
  opt("--otlp-endpoint", "string"),
  opt("--otlp-service-name", "string"),
  opt("--cors-allow-origin", "string", { many: true }),
  opt("--api-key", "string"),
  opt("--watermark-gamma", "float"),
  opt("--watermark-delta", "float"),
  opt("--ngrok", "bool"),
  opt("--ngrok-authtoken", "string"),
  opt("--ngrok-edge", "string"),
  opt("--tokenizer-config-path", "string"),
  opt("--disable-grammar-support", "bool"),
  { name: "--env", aliases: ["-e"], kind: "bool" },
  opt("--max-client-batch-size", "int"),
  opt("--lora-adapters", "string"),
  opt("--usage-stats", "choice", { choices: ["on", "off", "no-stack"] }),
  opt("--payload-limit", "int", { since: "3.0.0" }),
  opt("--enable-prefill-logprobs", "bool", { since: "3.0.0" }),
  opt("--graceful-termination-timeout", "int", { aliases: ["-g"], since: "3.1.0" }),
];

/** Defaults clap applies (default_value = …). */
export const TGI_DEFAULTS = {
  model_id: "bigscience/bloom-560m",
  validation_workers: 2,
  max_concurrent_requests: 128,
  max_best_of: 2,
  max_stop_sequences: 4,
  max_top_n_tokens: 5,
  waiting_served_ratio: 0.3,
  max_waiting_tokens: 20,
  hostname: "0.0.0.0",
  port: 3000,
  prometheus_port: 9000,
  cuda_memory_fraction: 1.0,
  max_client_batch_size: 4,
  payload_limit: 2_000_000,
} as const;
