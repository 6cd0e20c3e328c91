/**
 * Synthetic but realistic /metrics pages for the metrics benches: a vLLM V1 engine (gauges, token counters, ten
 * latency/size histograms with vLLM's bucket bounds) or a dcgm-exporter with 8 GPUs × 25 fields; 200 series each.
 * Values move on every render: counters rise, gauges wander, histogram buckets grow cumulatively.
 */
const MODEL = 'engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"';
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40];
const TOKEN_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

interface Line {
  prefix: string;
  kind: "counter" | "gauge";
  value: number;
  /** For histogram buckets: the share of observations at or below the bound. */
  share?: number;
  group?: number;
}

function vllmLines(): { header: string[]; lines: Line[] } {
  const header: string[] = [];
  const lines: Line[] = [];
  const gauge = (name: string, help: string) => {
    header.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    lines.push({ prefix: `${name}{${MODEL}} `, kind: "gauge", value: 0 });
  };
  const counter = (name: string, extra = "") =>
    lines.push({ prefix: `${name}{${MODEL}${extra}} `, kind: "counter", value: 0 });
  gauge("vllm:num_requests_running", "Number of requests in model execution batches.");
  gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.");
  gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.");
  for (const c of [
    "vllm:prompt_tokens_total",
    "vllm:generation_tokens_total",
    "vllm:num_preemptions_total",
    "vllm:prefix_cache_queries_total",
    "vllm:prefix_cache_hits_total",
  ])
    counter(c);
  for (const r of ["stop", "length", "abort"]) counter("vllm:request_success_total", `,finished_reason="${r}"`);
  const histograms: [string, number[]][] = [
    ["vllm:time_to_first_token_seconds", LATENCY_BUCKETS],
    ["vllm:inter_token_latency_seconds", LATENCY_BUCKETS.slice(2)],
    ["vllm:e2e_request_latency_seconds", LATENCY_BUCKETS],
    ["vllm:request_queue_time_seconds", LATENCY_BUCKETS],
    ["vllm:request_prefill_time_seconds", LATENCY_BUCKETS],
    ["vllm:request_decode_time_seconds", LATENCY_BUCKETS],
    ["vllm:request_inference_time_seconds", LATENCY_BUCKETS.slice(1)],
    ["vllm:request_prompt_tokens", TOKEN_BUCKETS],
    ["vllm:request_generation_tokens", TOKEN_BUCKETS.slice(1)],
    ["vllm:iteration_tokens_total", TOKEN_BUCKETS.slice(5)],
  ];
  histograms.forEach(([name, bounds], group) => {
    header.push(`# TYPE ${name} histogram`);
    bounds.forEach((b, i) => {
      lines.push({
        prefix: `${name}_bucket{${MODEL},le="${b.toFixed(b < 1 ? 3 : 1)}"} `,
        kind: "counter",
        value: 0,
        share: (i + 1) / (bounds.length + 1),
        group,
      });
    });
    lines.push({ prefix: `${name}_bucket{${MODEL},le="+Inf"} `, kind: "counter", value: 0, share: 1, group });
    lines.push({ prefix: `${name}_count{${MODEL}} `, kind: "counter", value: 0, share: 1, group });
    lines.push({ prefix: `${name}_sum{${MODEL}} `, kind: "counter", value: 0, share: 0.4, group });
  });
  return { header, lines };
}

const DCGM_FIELDS = [
  "SM_CLOCK",
  "MEM_CLOCK",
  "MEMORY_TEMP",
  "GPU_TEMP",
  "POWER_USAGE",
  "TOTAL_ENERGY_CONSUMPTION",
  "PCIE_REPLAY_COUNTER",
  "GPU_UTIL",
  "MEM_COPY_UTIL",
  "ENC_UTIL",
  "DEC_UTIL",
  "XID_ERRORS",
  "FB_FREE",
  "FB_USED",
  "FB_RESERVED",
  "NVLINK_BANDWIDTH_TOTAL",
  "VGPU_LICENSE_STATUS",
  "UNCORRECTABLE_REMAPPED_ROWS",
  "CORRECTABLE_REMAPPED_ROWS",
  "ROW_REMAP_FAILURE",
  "PROF_GR_ENGINE_ACTIVE",
  "PROF_PIPE_TENSOR_ACTIVE",
  "PROF_DRAM_ACTIVE",
  "PROF_PCIE_TX_BYTES",
  "PROF_PCIE_RX_BYTES",
];

function dcgmLines(host: number): { header: string[]; lines: Line[] } {
  const header: string[] = [];
  const lines: Line[] = [];
  for (const field of DCGM_FIELDS) {
    const name = field.startsWith("PROF_") ? `DCGM_FI_${field}` : `DCGM_FI_DEV_${field}`;
    header.push(
      `# HELP ${name} ${field.toLowerCase().replace(/_/g, " ")}.`,
      `# TYPE ${name} ${field === "TOTAL_ENERGY_CONSUMPTION" ? "counter" : "gauge"}`,
    );
    for (let gpu = 0; gpu < 8; gpu++) {
      const uuid = `GPU-${host.toString(16).padStart(8, "0")}-0000-4000-8000-${gpu.toString().padStart(12, "0")}`;
      lines.push({
        prefix: `${name}{gpu="${gpu}",UUID="${uuid}",pci_bus_id="00000000:${(16 + gpu).toString(16)}:00.0",device="nvidia${gpu}",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-host-${host}"} `,
        kind: field === "TOTAL_ENERGY_CONSUMPTION" ? "counter" : "gauge",
        value: 0,
      });
    }
  }
  return { header, lines };
}

/** One target's page; call `render()` once per scrape. */
export class SyntheticTarget {
  private readonly header: string;
  private readonly lines: Line[];
  private requests = 0;
  private seed: number;

  constructor(readonly index: number) {
    const { header, lines } = index % 2 === 0 ? vllmLines() : dcgmLines(index);
    this.header = header.join("\n");
    this.lines = lines;
    this.seed = index + 1;
  }

  get seriesCount(): number {
    return this.lines.length;
  }

  private random(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed / 2 ** 32;
  }

  render(): string {
    this.requests += 1;
    const observations = Math.floor(this.random() * 20);
    const out: string[] = [this.header];
    for (const line of this.lines) {
      if (line.share !== undefined) line.value += Math.round(observations * line.share);
      else if (line.kind === "counter") line.value += Math.floor(this.random() * 500);
      else line.value = Math.round(this.random() * 1000) / 10;
      out.push(line.prefix + line.value);
    }
    out.push("");
    return out.join("\n");
  }
}
