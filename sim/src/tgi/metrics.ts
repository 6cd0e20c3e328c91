import type { EngineCore } from "../engine/core";
import type { SeqState, TokenEvent } from "../engine/request";
import type { Batch } from "../engine/scheduler";
import type { TgiScheduler } from "../engine/tgi-scheduler";
import { header, Histogram, type Labels, sample } from "../prom/text";

/**
 * TGI's router metrics (router/src/server.rs, backends/v3), as metrics-exporter-prometheus renders
 * them: a series appears once first recorded; HELP comes from the first describe_*! call for the
 * name (so tgi_request_duration reads "Request duration"); tgi_batch_max_total_tokens has none (its
 * describe_gauge! names tgi_batch_total_tokens). Counters keep their names (no _total).
 */
const HELP: Record<string, string> = {
  tgi_request_success: "Number of successful requests",
  tgi_request_duration: "Request duration",
  tgi_request_validation_duration: "Request validation duration",
  tgi_request_queue_duration: "Request queue duration",
  tgi_request_inference_duration: "Request inference duration",
  tgi_request_mean_time_per_token_duration: "Mean time per token per request",
  tgi_request_generated_tokens: "Generated tokens per request",
  tgi_batch_inference_count: "Inference calls per method (prefill or decode)",
  tgi_request_count: "Total number of requests",
  tgi_batch_inference_success: "Number of successful inference calls per method (prefill or decode)",
  tgi_batch_current_size: "Current batch size",
  tgi_queue_size: "Current queue size",
  tgi_batch_current_max_tokens: "Maximum tokens for the current batch",
  tgi_request_max_new_tokens: "Maximum new tokens per request",
  tgi_batch_inference_duration: "Batch inference duration",
  tgi_batch_forward_duration: "Batch forward duration per method (prefill or decode)",
  tgi_request_skipped_tokens: "Speculated tokens per request",
  tgi_batch_filter_duration: "Time spent filtering batches and sending generated tokens per method (prefill or decode)",
  tgi_batch_decode_duration: "Time spent decoding a batch per method (prefill or decode)",
  tgi_request_input_length: "Input token length per request",
  tgi_batch_next_size: "Batch size of the next batch",
};

/** server.rs: 35 geometric duration buckets from 0.0001 × 1.5; token-count buckets in hundredths of the limit. */
const DURATION_BUCKETS = (() => {
  const out: number[] = [];
  let value = 0.0001;
  for (let i = 0; i < 35; i++) out.push((value *= 1.5));
  return out;
})();
const hundredths = (limit: number) => Array.from({ length: 100 }, (_, x) => (limit / 100) * (x + 1));
const BATCH_SIZE_BUCKETS = Array.from({ length: 1024 }, (_, x) => x + 1);

type Key = string;
const keyOf = (name: string, labels: Labels) => `${name}|${labels.map(([k, v]) => `${k}=${v}`).join(",")}`;

export class TgiMetrics {
  private readonly counters = new Map<Key, { name: string; labels: Labels; value: number }>();
  private readonly gauges = new Map<Key, { name: string; labels: Labels; value: number }>();
  private readonly histograms = new Map<Key, { name: string; labels: Labels; h: Histogram }>();

  constructor(
    private readonly core: EngineCore,
    private readonly limits: { maxInputTokens: number; maxTotalTokens: number; maxBatchTotalTokens: number },
  ) {
    this.setGauge("tgi_batch_max_total_tokens", [], limits.maxBatchTotalTokens);
    core.observe({
      arrived: () => this.setGauge("tgi_queue_size", [], this.scheduler.waiting.length),
      stepEnded: (b, s, e, ev) => this.step(b, s, e, ev),
      finished: (seq, reason, end) => this.finished(seq, reason, end),
    });
  }

  private get scheduler(): TgiScheduler {
    return this.core.scheduler as TgiScheduler;
  }

  /** Every request the router accepts (server.rs increments tgi_request_count first thing). */
  countRequest(): void {
    this.increment("tgi_request_count", [], 1);
  }

  /** A native /generate request: counted, and what validation saw. */
  requestReceived(inputLength: number, maxNewTokens: number): void {
    this.countRequest();
    this.observe("tgi_request_input_length", [], inputLength, hundredths(this.limits.maxInputTokens));
    this.observe("tgi_request_max_new_tokens", [], maxNewTokens, hundredths(this.limits.maxTotalTokens));
    this.observe("tgi_request_validation_duration", [], 0.0002, DURATION_BUCKETS);
  }

  requestFailed(err: string): void {
    this.increment("tgi_request_failure", [["err", err]], 1);
  }

  private step(batch: Batch, startMs: number, endMs: number, _events: TokenEvent[]): void {
    const seconds = (endMs - startMs) / 1000;
    const method = batch.work.prefillTokens > 0 ? "prefill" : "decode";
    const labels: Labels = [["method", method]];
    if (method === "prefill") this.observe("tgi_batch_next_size", [], batch.items.length, BATCH_SIZE_BUCKETS);
    this.increment("tgi_batch_inference_count", labels, 1);
    this.increment("tgi_batch_inference_success", labels, 1);
    this.observe("tgi_batch_forward_duration", labels, seconds * 0.9, DURATION_BUCKETS);
    this.observe("tgi_batch_decode_duration", labels, seconds * 0.05, DURATION_BUCKETS);
    this.observe("tgi_batch_filter_duration", labels, seconds * 0.05, DURATION_BUCKETS);
    this.observe("tgi_batch_inference_duration", labels, seconds, DURATION_BUCKETS);
    this.setGauge("tgi_batch_current_size", [], this.scheduler.running.length);
    this.setGauge("tgi_batch_current_max_tokens", [], this.scheduler.batchMaxTokens);
    this.setGauge("tgi_queue_size", [], this.scheduler.waiting.length);
  }

  private finished(seq: SeqState, reason: string, endMs: number): void {
    if (reason === "abort") {
      this.requestFailed("dropped");
      return;
    }
    const scheduled = seq.firstScheduledMs ?? endMs;
    const inference = (endMs - scheduled) / 1000;
    this.increment("tgi_request_success", [], 1);
    this.observe("tgi_request_duration", [], (endMs - seq.arrivalMs) / 1000, DURATION_BUCKETS);
    this.observe("tgi_request_queue_duration", [], (scheduled - seq.arrivalMs) / 1000, DURATION_BUCKETS);
    this.observe("tgi_request_inference_duration", [], inference, DURATION_BUCKETS);
    this.observe(
      "tgi_request_mean_time_per_token_duration",
      [],
      inference / Math.max(1, seq.generated),
      DURATION_BUCKETS,
    );
    this.observe("tgi_request_generated_tokens", [], seq.generated, hundredths(this.limits.maxTotalTokens));
  }

  private increment(name: string, labels: Labels, by: number): void {
    const entry = this.counters.get(keyOf(name, labels)) ?? { name, labels, value: 0 };
    entry.value += by;
    this.counters.set(keyOf(name, labels), entry);
  }

  private setGauge(name: string, labels: Labels, value: number): void {
    this.gauges.set(keyOf(name, labels), { name, labels, value });
  }

  private observe(name: string, labels: Labels, value: number, buckets: number[]): void {
    const key = keyOf(name, labels);
    const entry = this.histograms.get(key) ?? { name, labels, h: new Histogram(buckets) };
    entry.h.observe(value);
    this.histograms.set(key, entry);
  }

  render(): string {
    const lines: string[] = [];
    const groups = (map: Map<Key, { name: string }>) => [...new Set([...map.values()].map((e) => e.name))].sort();
    const helpFor = (name: string, type: "counter" | "gauge" | "histogram") =>
      HELP[name] ? header(name, type, HELP[name]) : [`# TYPE ${name} ${type}`];
    for (const name of groups(this.counters)) {
      lines.push(...helpFor(name, "counter"));
      for (const c of this.counters.values()) if (c.name === name) lines.push(sample("rust", name, c.labels, c.value));
      lines.push("");
    }
    for (const name of groups(this.gauges)) {
      lines.push(...helpFor(name, "gauge"));
      for (const g of this.gauges.values()) if (g.name === name) lines.push(sample("rust", name, g.labels, g.value));
      lines.push("");
    }
    for (const name of groups(this.histograms)) {
      lines.push(...helpFor(name, "histogram"));
      for (const h of this.histograms.values()) if (h.name === name) lines.push(...h.h.lines("rust", name, h.labels));
      lines.push("");
    }
    return `${lines.join("\n")}\n`;
  }
}
