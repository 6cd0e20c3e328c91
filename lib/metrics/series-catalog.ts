import type { SeriesExpr } from "./query/expr";
import { GPU_LABEL, TARGET_LABEL, type TargetKind } from "./target-labels";

export type SeriesScope = "gpu" | "instance" | "host";
export type SeriesUnit =
  | "bytes"
  | "bytes/s"
  | "ratio"
  | "percent"
  | "watts"
  | "celsius"
  | "seconds"
  | "tokens/s"
  | "requests"
  | "requests/s"
  | "events/s";

export interface NamedSeriesDefinition {
  title: string;
  unit: SeriesUnit;
  scope: SeriesScope;
  /** Per source, alternatives tried in order (PromQL `or`): a newer metric name first, the older one after. */
  sources: Partial<Record<TargetKind, readonly SeriesExpr[]>>;
  note?: string;
}

/** Result labels of each scope: one line per GPU, per instance or per host. */
export const SCOPE_LABELS: Record<SeriesScope, readonly string[]> = {
  gpu: [TARGET_LABEL.host, GPU_LABEL],
  instance: [TARGET_LABEL.instance],
  host: [TARGET_LABEL.host],
};

const MIB = 1024 * 1024;
const value = (metric: string, agg: "sum" | "avg" | "max" = "sum"): SeriesExpr => ({ fn: "value", metric, agg });
const rate = (
  metric: string,
  matchers?: { label: string; op: "=" | "!=" | "=~" | "!~"; value: string }[],
  agg: "sum" | "avg" = "sum",
): SeriesExpr => ({ fn: "rate", metric, agg, ...(matchers && { matchers }) });
const quantile = (q: number, histogram: string): SeriesExpr => ({ fn: "quantile", q, histogram });
const mib = (expr: SeriesExpr): SeriesExpr => ({ fn: "linear", expr, scale: MIB, offset: 0 });
const PHYSICAL_NICS = [{ label: "device", op: "!~" as const, value: "lo|veth.*|docker.*|br-.*|cni.*|flannel.*" }];

const PERCENTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

function latency(
  title: string,
  vllm: readonly string[],
  tgi: string | undefined,
  note?: string,
): Record<keyof typeof PERCENTILES, NamedSeriesDefinition> {
  const at = (p: keyof typeof PERCENTILES): NamedSeriesDefinition => ({
    title: `${title} ${p}`,
    unit: "seconds",
    scope: "instance",
    sources: {
      vllm: vllm.map((h) => quantile(PERCENTILES[p], h)),
      ...(tgi && { tgi: [quantile(PERCENTILES[p], tgi)] }),
    },
    ...(note && { note }),
  });
  return { p50: at("p50"), p95: at("p95"), p99: at("p99") };
}

const ttft = latency(
  "Time to first token",
  ["vllm:time_to_first_token_seconds"],
  undefined,
  "TGI exposes no time-to-first-token histogram.",
);
const itl = latency(
  "Inter-token latency",
  ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"],
  "tgi_request_mean_time_per_token_duration",
  "TGI's is the mean per request.",
);
const e2e = latency("End-to-end request latency", ["vllm:e2e_request_latency_seconds"], "tgi_request_duration");

/**
 * The series charts ask for, by name; each is defined per source (vLLM V1 names first, then V0/renamed ones;
 * TGI; dcgm-exporter; node_exporter). Charts never send PromQL: they send one of these names and a selector.
 */
export const SERIES_CATALOG = {
  "gpu.utilization": {
    title: "GPU utilisation",
    unit: "percent",
    scope: "gpu",
    sources: { "gpu-exporter": [value("DCGM_FI_DEV_GPU_UTIL", "max")] },
  },
  "gpu.memory.used": {
    title: "GPU memory used",
    unit: "bytes",
    scope: "gpu",
    sources: { "gpu-exporter": [mib(value("DCGM_FI_DEV_FB_USED", "max"))] },
  },
  "gpu.memory.free": {
    title: "GPU memory free",
    unit: "bytes",
    scope: "gpu",
    sources: { "gpu-exporter": [mib(value("DCGM_FI_DEV_FB_FREE", "max"))] },
  },
  "gpu.memory.used_ratio": {
    title: "GPU memory used (share of used + free)",
    unit: "ratio",
    scope: "gpu",
    sources: {
      "gpu-exporter": [
        {
          fn: "binary",
          op: "/",
          left: value("DCGM_FI_DEV_FB_USED", "max"),
          right: {
            fn: "binary",
            op: "+",
            left: value("DCGM_FI_DEV_FB_USED", "max"),
            right: value("DCGM_FI_DEV_FB_FREE", "max"),
          },
        },
      ],
    },
  },
  "gpu.power": {
    title: "GPU power",
    unit: "watts",
    scope: "gpu",
    sources: { "gpu-exporter": [value("DCGM_FI_DEV_POWER_USAGE", "max")] },
  },
  "gpu.temperature": {
    title: "GPU temperature",
    unit: "celsius",
    scope: "gpu",
    sources: { "gpu-exporter": [value("DCGM_FI_DEV_GPU_TEMP", "max")] },
  },

  "instance.requests.running": {
    title: "Requests running",
    unit: "requests",
    scope: "instance",
    sources: { vllm: [value("vllm:num_requests_running")], tgi: [value("tgi_batch_current_size")] },
  },
  "instance.requests.waiting": {
    title: "Requests waiting",
    unit: "requests",
    scope: "instance",
    sources: { vllm: [value("vllm:num_requests_waiting")], tgi: [value("tgi_queue_size")] },
  },
  "instance.kv_cache.usage": {
    title: "KV cache used",
    unit: "ratio",
    scope: "instance",
    sources: {
      vllm: [value("vllm:kv_cache_usage_perc", "avg"), value("vllm:gpu_cache_usage_perc", "avg")],
      tgi: [
        {
          fn: "binary",
          op: "/",
          left: value("tgi_batch_current_max_tokens"),
          right: value("tgi_batch_max_total_tokens"),
        },
      ],
    },
    note: "TGI: tokens reserved by the running batch over its token budget (--max-batch-total-tokens).",
  },
  "instance.tokens.prompt.rate": {
    title: "Prompt tokens per second",
    unit: "tokens/s",
    scope: "instance",
    sources: { vllm: [rate("vllm:prompt_tokens_total")], tgi: [rate("tgi_request_input_length_sum")] },
    note: "TGI counts a request's prompt when the request finishes.",
  },
  "instance.tokens.generation.rate": {
    title: "Generated tokens per second",
    unit: "tokens/s",
    scope: "instance",
    sources: { vllm: [rate("vllm:generation_tokens_total")], tgi: [rate("tgi_request_generated_tokens_sum")] },
    note: "TGI counts a request's tokens when the request finishes.",
  },
  "instance.ttft.p50": ttft.p50,
  "instance.ttft.p95": ttft.p95,
  "instance.ttft.p99": ttft.p99,
  "instance.itl.p50": itl.p50,
  "instance.itl.p95": itl.p95,
  "instance.itl.p99": itl.p99,
  "instance.e2e_latency.p50": e2e.p50,
  "instance.e2e_latency.p95": e2e.p95,
  "instance.e2e_latency.p99": e2e.p99,
  "instance.preemptions.rate": {
    title: "Preemptions per second",
    unit: "events/s",
    scope: "instance",
    sources: { vllm: [rate("vllm:num_preemptions_total")] },
  },
  "instance.requests.success.rate": {
    title: "Requests finished per second",
    unit: "requests/s",
    scope: "instance",
    sources: { vllm: [rate("vllm:request_success_total")], tgi: [rate("tgi_request_success")] },
  },
  "instance.errors.rate": {
    title: "Failed requests per second",
    unit: "requests/s",
    scope: "instance",
    sources: {
      vllm: [rate("http_requests_total", [{ label: "status", op: "=", value: "5xx" }])],
      tgi: [rate("tgi_request_failure")],
    },
    note: "vLLM: HTTP 5xx answers of its API server.",
  },

  "host.cpu.busy": {
    title: "CPU busy",
    unit: "ratio",
    scope: "host",
    sources: {
      "node-exporter": [
        {
          fn: "linear",
          expr: rate("node_cpu_seconds_total", [{ label: "mode", op: "=", value: "idle" }], "avg"),
          scale: -1,
          offset: 1,
        },
      ],
    },
  },
  "host.memory.used": {
    title: "Memory used",
    unit: "bytes",
    scope: "host",
    sources: {
      "node-exporter": [
        {
          fn: "binary",
          op: "-",
          left: value("node_memory_MemTotal_bytes"),
          right: value("node_memory_MemAvailable_bytes"),
        },
      ],
    },
  },
  "host.memory.total": {
    title: "Memory total",
    unit: "bytes",
    scope: "host",
    sources: { "node-exporter": [value("node_memory_MemTotal_bytes")] },
  },
  "host.network.receive.rate": {
    title: "Network received",
    unit: "bytes/s",
    scope: "host",
    sources: { "node-exporter": [rate("node_network_receive_bytes_total", PHYSICAL_NICS)] },
  },
  "host.network.transmit.rate": {
    title: "Network sent",
    unit: "bytes/s",
    scope: "host",
    sources: { "node-exporter": [rate("node_network_transmit_bytes_total", PHYSICAL_NICS)] },
  },
} as const satisfies Record<string, NamedSeriesDefinition>;

export type NamedSeriesId = keyof typeof SERIES_CATALOG;
export const NAMED_SERIES_IDS = Object.keys(SERIES_CATALOG) as [NamedSeriesId, ...NamedSeriesId[]];

export const seriesDefinition = (id: NamedSeriesId): NamedSeriesDefinition => SERIES_CATALOG[id];

/** The `rate()` window: Grafana's $__rate_interval, max(step + scrape interval, 4 × scrape interval). */
export const rateWindowMs = (stepMs: number, scrapeIntervalMs: number) =>
  Math.max(stepMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
