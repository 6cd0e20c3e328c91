import type { EngineCore, EngineObserver } from "../engine/core";
import type { SeqState, TokenEvent } from "../engine/request";
import type { Batch } from "../engine/scheduler";
import { header, Histogram, type Labels, sample } from "../prom/text";
import { metricsFor, type MetricDef, type VllmSeries } from "./metric-defs";

const FINISH_REASONS = ["stop", "length", "abort"] as const;

/** One engine core's counters and histograms (the `engine` label), fed by the core's events. */
class EngineSeries implements EngineObserver {
  readonly counters = new Map<VllmSeries, number>();
  readonly success = new Map<string, number>(FINISH_REASONS.map((r) => [r, 0]));
  readonly histograms = new Map<VllmSeries, Histogram>();

  constructor(
    readonly core: EngineCore,
    defs: readonly MetricDef[],
    maxModelLen: number,
  ) {
    for (const def of defs) if (def.buckets) this.histograms.set(def.series, new Histogram(def.buckets(maxModelLen)));
    core.observe(this);
  }

  private add(series: VllmSeries, by: number) {
    this.counters.set(series, (this.counters.get(series) ?? 0) + by);
  }

  private observeValue(series: VllmSeries, value: number) {
    this.histograms.get(series)?.observe(value);
  }

  stepEnded(batch: Batch, _startMs: number, _endMs: number, events: TokenEvent[]): void {
    const prefill = batch.work.prefillTokens;
    this.add("promptTokens", prefill);
    this.add("prefixQueries", prefill);
    this.add("gpuPrefixQueries", prefill);
    this.add("generationTokens", events.length);
    this.add("preemptions", batch.preempted);
    this.observeValue("iterationTokens", prefill + batch.work.decodeSeqs);
    for (const event of events) {
      const seq = event.seq;
      if (event.index === 0) {
        this.observeValue("ttft", (event.atMs - seq.arrivalMs) / 1000);
        this.observeValue("reqMaxGenTokens", seq.spec.maxTokensParam ?? seq.spec.outputTokens);
        this.observeValue("paramsN", 1);
      } else if (seq.previousTokenMs !== undefined) {
        const gap = (event.atMs - seq.previousTokenMs) / 1000;
        this.observeValue("itl", gap);
        this.observeValue("tpot", gap);
      }
    }
  }

  finished(seq: SeqState, reason: "stop" | "length" | "abort", endMs: number): void {
    this.success.set(reason, (this.success.get(reason) ?? 0) + 1);
    const scheduled = seq.firstScheduledMs ?? endMs;
    const firstToken = seq.firstTokenMs ?? endMs;
    this.observeValue("e2e", (endMs - seq.arrivalMs) / 1000);
    this.observeValue("queue", (scheduled - seq.arrivalMs) / 1000);
    this.observeValue("inference", (endMs - scheduled) / 1000);
    this.observeValue("prefill", (firstToken - scheduled) / 1000);
    this.observeValue("decode", (endMs - firstToken) / 1000);
    this.observeValue("reqPromptTokens", seq.spec.promptTokens);
    this.observeValue("reqGenerationTokens", seq.generated);
    if (seq.spec.maxTokensParam !== undefined) this.observeValue("paramsMaxTokens", seq.spec.maxTokensParam);
  }

  gauge(series: VllmSeries): number {
    const s = this.core.scheduler;
    if (series === "running") return s.running.length;
    if (series === "waiting") return s.waiting.length;
    return s.pool.usage;
  }
}

export interface CacheInfo {
  blockSize: number;
  gpuMemoryUtilization: number;
  cacheDtype: string;
  numGpuBlocksOverride?: number;
  enablePrefixCaching: boolean;
  cpuOffloadGb: number;
  kvCacheMemoryBytes?: number;
  numGpuBlocks: number;
}

/** /metrics of a vLLM server: every engine core's series with model_name and engine labels. */
export class VllmMetrics {
  private readonly engines: EngineSeries[];
  private readonly defs: MetricDef[];
  private readonly createdSeconds = Date.now() / 1000;

  constructor(
    cores: readonly EngineCore[],
    private readonly modelName: string,
    version: string,
    maxModelLen: number,
    private readonly cache: CacheInfo,
    showHidden: boolean,
  ) {
    this.defs = metricsFor(version, showHidden);
    this.engines = cores.map((core) => new EngineSeries(core, this.defs, maxModelLen));
  }

  render(): string {
    const lines: string[] = [];
    for (const def of this.defs) {
      const name = def.type === "counter" ? `${def.name}_total` : def.name;
      lines.push(...header(name, def.type, def.help));
      const created: string[] = [];
      this.engines.forEach((engine, index) => {
        const labels: Labels = [
          ["model_name", this.modelName],
          ["engine", String(index)],
        ];
        if (def.type === "gauge") lines.push(sample("python", def.name, labels, engine.gauge(def.series)));
        else if (def.type === "counter" && def.series === "requestSuccess") {
          for (const reason of FINISH_REASONS) {
            const withReason: Labels = [...labels, ["finished_reason", reason]];
            lines.push(sample("python", name, withReason, engine.success.get(reason) ?? 0));
            created.push(sample("python", `${def.name}_created`, withReason, this.createdSeconds));
          }
        } else if (def.type === "counter") {
          lines.push(sample("python", name, labels, engine.counters.get(def.series) ?? 0));
          created.push(sample("python", `${def.name}_created`, labels, this.createdSeconds));
        } else {
          lines.push(...engine.histograms.get(def.series)!.lines("python", def.name, labels));
          created.push(sample("python", `${def.name}_created`, labels, this.createdSeconds));
        }
      });
      if (created.length > 0) lines.push(...header(`${def.name}_created`, "gauge", def.help), ...created);
    }
    lines.push(...this.cacheInfo());
    return `${lines.join("\n")}\n`;
  }

  /** vllm:cache_config_info: CacheConfig.metrics_info() as labels, str() of each field, plus engine. */
  private cacheInfo(): string[] {
    const c = this.cache;
    const py = (v: unknown) => (v === undefined ? "None" : typeof v === "boolean" ? (v ? "True" : "False") : String(v));
    const fields: Array<[string, string]> = [
      ["block_size", py(c.blockSize)],
      ["gpu_memory_utilization", py(c.gpuMemoryUtilization)],
      ["swap_space", "4"],
      ["cache_dtype", c.cacheDtype],
      ["is_attention_free", "False"],
      ["num_gpu_blocks_override", py(c.numGpuBlocksOverride)],
      ["sliding_window", "None"],
      ["enable_prefix_caching", py(c.enablePrefixCaching)],
      ["prefix_caching_hash_algo", "builtin"],
      ["cpu_offload_gb", py(c.cpuOffloadGb)],
      ["calculate_kv_scales", "False"],
      ["kv_sharing_fast_prefill", "False"],
      ["mamba_page_size_padded", "None"],
      ["kv_cache_memory_bytes", py(c.kvCacheMemoryBytes)],
      ["num_gpu_blocks", py(c.numGpuBlocks)],
      ["num_cpu_blocks", "None"],
    ];
    const lines = header("vllm:cache_config_info", "gauge", "Information of the LLMEngine CacheConfig");
    this.engines.forEach((_engine, index) => {
      lines.push(sample("python", "vllm:cache_config_info", [...fields, ["engine", String(index)]], 1));
    });
    return lines;
  }
}
