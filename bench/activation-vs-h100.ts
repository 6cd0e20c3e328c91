/**
 * Compares lib/budget's activation and CUDA-graph terms with what bench/gpu/measure_activation.py and
 * measure_cudagraphs.py measured on one H100 (bench/results/h100-activation.json), side by side with the
 * baseline: the constants the model used before that measurement (32 B per sampler logit, 16 MiB of graphs
 * per layer). Run: npx tsx bench/activation-vs-h100.ts → bench/results/activation-vs-h100.json and a table.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { estimateActivation } from "../lib/budget/activation";
import { vllmCudaGraphBytes } from "../lib/budget/overheads";
import { LLAMA3_8B, QWEN25_7B } from "../lib/budget/testing/model-fixtures";
import { SAMPLER_BYTES_PER_LOGIT } from "../lib/budget/vllm-profiles";
import type { ModelArch } from "../lib/catalog/types";
import { GIB, MIB } from "../lib/vocabulary/units";

const data = JSON.parse(readFileSync(new URL("./results/h100-activation.json", import.meta.url), "utf8"));

/** The baseline: lib/budget's constants before the H100 measurement. */
const BEFORE = {
  samplerBytesPerLogitV1: 32,
  cudaGraphs: (a: ModelArch) => a.numLayers * 16 * MIB,
};

interface Row {
  what: string;
  measured: number;
  model: number;
  modelRelError: number;
  before: number;
  beforeRelError: number;
  unit: "bytes" | "bytes/token";
}
const rows: Row[] = [];
const rel = (p: number, m: number) => (p - m) / m;
const add = (what: string, measured: number, model: number, before: number, unit: Row["unit"] = "bytes") =>
  rows.push({
    what,
    measured,
    model,
    modelRelError: rel(model, measured),
    before,
    beforeRelError: rel(before, measured),
    unit,
  });

const archFor = (vocab: number) => (vocab === LLAMA3_8B.vocabSize ? LLAMA3_8B : QWEN25_7B);
const run = (a: ModelArch, tokens: number, seqs: number, perLogit: number) =>
  estimateActivation(a, { tokens, seqs, tp: 1, dtypeBytes: 2, samplerBytesPerLogit: perLogit });

// 1. Sampler: the V1 dummy sampler run (native sort path), peak over the hidden states, bf16 logits included.
for (const s of data.sampler.filter((x: { variant: string }) => x.variant === "native")) {
  const a = archFor(s.vocab);
  add(
    `sampler V1 native ${s.rows}×${s.vocab}`,
    s.peak_extra_bytes,
    run(a, s.rows, s.rows, SAMPLER_BYTES_PER_LOGIT.native).samplerBytes,
    run(a, s.rows, s.rows, BEFORE.samplerBytesPerLogitV1).samplerBytes,
  );
}

// 2. Forward activation per token (Qwen2.5-7B, TP 1).
const perToken = run(QWEN25_7B, 8192, 1, 0).perTokenBytes;
for (const [key, label] of [
  ["vllm_like_layer", "vLLM-like layer"],
  ["hf_layer", "HF Qwen2 layer"],
  ["hf_full_logits_to_keep_1", "HF full forward"],
] as const) {
  for (const f of data.forward[key])
    add(`forward ${label} ${f.tokens} tok`, f.per_token_bytes, perToken, perToken, "bytes/token");
}

// 2b. Whole profile run (vLLM-like forward, hidden states kept, dummy sampler on one row per sequence).
for (const p of data.profile_run) {
  add(
    `profile run ${p.tokens} tok / ${p.seqs} seqs`,
    p.peak_extra_bytes,
    run(QWEN25_7B, p.tokens, p.seqs, SAMPLER_BYTES_PER_LOGIT.native).bytes,
    run(QWEN25_7B, p.tokens, p.seqs, BEFORE.samplerBytesPerLogitV1).bytes,
  );
}

// 3. CUDA graphs: whole-model captures (fresh process each), device memory taken (mem_get_info delta, as vLLM logs it).
for (const g of data.cuda_graphs) {
  if (g.error || g.skipped || g.note) continue;
  const a = g.arch === "llama-3-8b" ? LLAMA3_8B : QWEN25_7B;
  if (g.layers !== a.numLayers) continue;
  const capture = {
    piecewiseSizes: g.mode !== "full" ? g.capture_sizes : 0,
    fullSizes: g.mode !== "piecewise" ? g.capture_sizes : 0,
    largestBatch: 512,
  };
  add(
    `CUDA graphs ${g.arch} ${g.mode} ${g.sizes} (${g.graphs} graphs)`,
    g.device_free_delta_bytes,
    vllmCudaGraphBytes(a, 1, capture).bytes,
    BEFORE.cudaGraphs(a),
  );
}

const fmt = (r: Row, v: number) =>
  r.unit === "bytes"
    ? v >= GIB
      ? `${(v / GIB).toFixed(3)} GiB`
      : `${(v / MIB).toFixed(1)} MiB`
    : `${(v / 1024).toFixed(1)} KiB`;
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
console.log(
  `H100 measurement (${data.env.device_name}, torch ${data.env.torch}, driver ${data.env.driver}) vs lib/budget\n`,
);
console.log(
  [
    "measurement".padEnd(62),
    "measured".padStart(12),
    "model".padStart(12),
    "err".padStart(8),
    "before".padStart(12),
    "err".padStart(8),
  ].join(" "),
);
for (const r of rows) {
  console.log(
    [
      r.what.padEnd(62),
      fmt(r, r.measured).padStart(12),
      fmt(r, r.model).padStart(12),
      pct(r.modelRelError).padStart(8),
      fmt(r, r.before).padStart(12),
      pct(r.beforeRelError).padStart(8),
    ].join(" "),
  );
}
const med = (xs: number[]) => {
  const s = xs.map(Math.abs).sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)]! : (s[m - 1]! + s[m]!) / 2;
};
const groups = ["sampler", "forward vLLM-like", "profile run", "CUDA graphs"];
const summary = Object.fromEntries(
  groups.map((g) => {
    const rs = rows.filter((r) => r.what.startsWith(g));
    return [
      g,
      {
        n: rs.length,
        modelMedianAbs: med(rs.map((r) => r.modelRelError)),
        beforeMedianAbs: med(rs.map((r) => r.beforeRelError)),
      },
    ];
  }),
);
console.log("\nMedian |relative error| (model now, baseline before the measurement):");
for (const [g, s] of Object.entries(summary))
  console.log(
    `  ${g.padEnd(18)} ${(s.modelMedianAbs * 100).toFixed(1)}% (before: ${(s.beforeMedianAbs * 100).toFixed(1)}%) (n=${s.n})`,
  );
writeFileSync(
  new URL("./results/activation-vs-h100.json", import.meta.url),
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      device: data.env.device_name,
      baseline: { samplerBytesPerLogitV1: BEFORE.samplerBytesPerLogitV1, cudaGraphsPerLayerBytes: 16 * MIB },
      rows,
      summary,
    },
    null,
    2,
  )}\n`,
);
