import { atLeast, compareVersions } from "../cli/spec";

/**
 * vLLM V1's Prometheus series (vllm/v1/metrics/loggers.py, PrometheusStatLogger), in registration
 * order, with their HELP text and buckets. Renames: vllm:gpu_cache_usage_perc and
 * vllm:gpu_prefix_cache_* became vllm:kv_cache_usage_perc / vllm:prefix_cache_* in 0.10 (both are
 * emitted through 0.10.x, the old ones hidden from 0.11); vllm:time_per_output_token_seconds was
 * joined by vllm:inter_token_latency_seconds in 0.10.2 and hidden from 0.11.
 */
export type VllmSeries =
  | "running"
  | "waiting"
  | "gpuCacheUsage"
  | "kvCacheUsage"
  | "gpuPrefixQueries"
  | "gpuPrefixHits"
  | "prefixQueries"
  | "prefixHits"
  | "preemptions"
  | "promptTokens"
  | "generationTokens"
  | "requestSuccess"
  | "reqPromptTokens"
  | "reqGenerationTokens"
  | "iterationTokens"
  | "reqMaxGenTokens"
  | "paramsN"
  | "paramsMaxTokens"
  | "ttft"
  | "tpot"
  | "itl"
  | "e2e"
  | "queue"
  | "inference"
  | "prefill"
  | "decode";

export interface MetricDef {
  series: VllmSeries;
  name: string;
  type: "gauge" | "counter" | "histogram";
  help: string;
  buckets?: (maxModelLen: number) => number[];
  /** Emitted from this release on (inclusive) and before `until` (exclusive) unless hidden metrics are shown. */
  since?: string;
  until?: string;
}

const LATENCY = [
  0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0,
  7680.0,
];
const TTFT = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0,
  640.0, 2560.0,
];
const PER_TOKEN = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
];

/** loggers.build_1_2_5_buckets: 1, 2, 5, 10, 20, 50 … up to max_value. */
export function buckets125(max: number): number[] {
  const out: number[] = [];
  for (let exponent = 0; ; exponent++) {
    for (const mantissa of [1, 2, 5]) {
      const value = mantissa * 10 ** exponent;
      if (value > max) return out;
      out.push(value);
    }
  }
}

const fixed = (values: number[]) => () => values;

export const VLLM_METRICS: readonly MetricDef[] = [
  {
    series: "running",
    name: "vllm:num_requests_running",
    type: "gauge",
    help: "Number of requests in model execution batches.",
  },
  {
    series: "waiting",
    name: "vllm:num_requests_waiting",
    type: "gauge",
    help: "Number of requests waiting to be processed.",
  },
  {
    series: "gpuCacheUsage",
    name: "vllm:gpu_cache_usage_perc",
    type: "gauge",
    help: "GPU KV-cache usage. 1 means 100 percent usage.",
    until: "0.10.0",
  },
  {
    series: "gpuCacheUsage",
    name: "vllm:gpu_cache_usage_perc",
    type: "gauge",
    help: "GPU KV-cache usage. 1 means 100 percent usage.DEPRECATED: Use vllm:kv_cache_usage_perc instead.",
    since: "0.10.0",
    until: "0.11.0",
  },
  {
    series: "gpuPrefixQueries",
    name: "vllm:gpu_prefix_cache_queries",
    type: "counter",
    help: "GPU prefix cache queries, in terms of number of queried tokens.",
    until: "0.11.0",
  },
  {
    series: "gpuPrefixHits",
    name: "vllm:gpu_prefix_cache_hits",
    type: "counter",
    help: "GPU prefix cache hits, in terms of number of cached tokens.",
    until: "0.11.0",
  },
  {
    series: "kvCacheUsage",
    name: "vllm:kv_cache_usage_perc",
    type: "gauge",
    help: "KV-cache usage. 1 means 100 percent usage.",
    since: "0.10.0",
  },
  {
    series: "prefixQueries",
    name: "vllm:prefix_cache_queries",
    type: "counter",
    help: "Prefix cache queries, in terms of number of queried tokens.",
    since: "0.10.0",
  },
  {
    series: "prefixHits",
    name: "vllm:prefix_cache_hits",
    type: "counter",
    help: "Prefix cache hits, in terms of number of cached tokens.",
    since: "0.10.0",
  },
  {
    series: "preemptions",
    name: "vllm:num_preemptions",
    type: "counter",
    help: "Cumulative number of preemption from the engine.",
  },
  { series: "promptTokens", name: "vllm:prompt_tokens", type: "counter", help: "Number of prefill tokens processed." },
  {
    series: "generationTokens",
    name: "vllm:generation_tokens",
    type: "counter",
    help: "Number of generation tokens processed.",
  },
  {
    series: "requestSuccess",
    name: "vllm:request_success",
    type: "counter",
    help: "Count of successfully processed requests.",
  },
  {
    series: "reqPromptTokens",
    name: "vllm:request_prompt_tokens",
    type: "histogram",
    help: "Number of prefill tokens processed.",
    buckets: buckets125,
  },
  {
    series: "reqGenerationTokens",
    name: "vllm:request_generation_tokens",
    type: "histogram",
    help: "Number of generation tokens processed.",
    buckets: buckets125,
  },
  {
    series: "iterationTokens",
    name: "vllm:iteration_tokens_total",
    type: "histogram",
    help: "Histogram of number of tokens per engine_step.",
    buckets: fixed([1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]),
  },
  {
    series: "reqMaxGenTokens",
    name: "vllm:request_max_num_generation_tokens",
    type: "histogram",
    help: "Histogram of maximum number of requested generation tokens.",
    buckets: buckets125,
  },
  {
    series: "paramsN",
    name: "vllm:request_params_n",
    type: "histogram",
    help: "Histogram of the n request parameter.",
    buckets: fixed([1, 2, 5, 10, 20]),
  },
  {
    series: "paramsMaxTokens",
    name: "vllm:request_params_max_tokens",
    type: "histogram",
    help: "Histogram of the max_tokens request parameter.",
    buckets: buckets125,
  },
  {
    series: "ttft",
    name: "vllm:time_to_first_token_seconds",
    type: "histogram",
    help: "Histogram of time to first token in seconds.",
    buckets: fixed(TTFT),
  },
  {
    series: "tpot",
    name: "vllm:time_per_output_token_seconds",
    type: "histogram",
    help: "Histogram of time per output token in seconds.",
    buckets: fixed(PER_TOKEN),
    until: "0.10.2",
  },
  {
    series: "tpot",
    name: "vllm:time_per_output_token_seconds",
    type: "histogram",
    help: "Histogram of time per output token in seconds.DEPRECATED: Use vllm:inter_token_latency_seconds instead.",
    buckets: fixed(PER_TOKEN),
    since: "0.10.2",
    until: "0.11.0",
  },
  {
    series: "itl",
    name: "vllm:inter_token_latency_seconds",
    type: "histogram",
    help: "Histogram of inter-token latency in seconds.",
    buckets: fixed(PER_TOKEN),
    since: "0.10.2",
  },
  {
    series: "e2e",
    name: "vllm:e2e_request_latency_seconds",
    type: "histogram",
    help: "Histogram of e2e request latency in seconds.",
    buckets: fixed(LATENCY),
  },
  {
    series: "queue",
    name: "vllm:request_queue_time_seconds",
    type: "histogram",
    help: "Histogram of time spent in WAITING phase for request.",
    buckets: fixed(LATENCY),
  },
  {
    series: "inference",
    name: "vllm:request_inference_time_seconds",
    type: "histogram",
    help: "Histogram of time spent in RUNNING phase for request.",
    buckets: fixed(LATENCY),
  },
  {
    series: "prefill",
    name: "vllm:request_prefill_time_seconds",
    type: "histogram",
    help: "Histogram of time spent in PREFILL phase for request.",
    buckets: fixed(LATENCY),
  },
  {
    series: "decode",
    name: "vllm:request_decode_time_seconds",
    type: "histogram",
    help: "Histogram of time spent in DECODE phase for request.",
    buckets: fixed(LATENCY),
  },
];

const inRange = (def: MetricDef, version: string) =>
  (!def.since || atLeast(version, def.since)) && (!def.until || !atLeast(version, def.until));

/**
 * The definitions a release emits. With --show-hidden-metrics-for-version, a name the release hid
 * comes back in its last form (e.g. vllm:gpu_cache_usage_perc on 0.11 with the 0.10 DEPRECATED help).
 */
export function metricsFor(version: string, showHidden = false): MetricDef[] {
  const shown = new Set(VLLM_METRICS.filter((def) => inRange(def, version)));
  if (showHidden) {
    const names = new Set([...shown].map((def) => def.name));
    const latest = new Map<string, MetricDef>();
    for (const def of VLLM_METRICS) {
      if (names.has(def.name) || (def.since && !atLeast(version, def.since))) continue;
      const seen = latest.get(def.name);
      if (!seen || compareVersions(def.until ?? "0", seen.until ?? "0") > 0) latest.set(def.name, def);
    }
    latest.forEach((def) => {
      shown.add(def);
    });
  }
  return VLLM_METRICS.filter((def) => shown.has(def));
}
