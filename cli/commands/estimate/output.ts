/** `estimate`'s answer: one JSON object, or a table for people. */
import type { ModelArch } from "../../../lib/catalog/types";
import type { BudgetGpu } from "../../../lib/budget/instance";
import type { InstanceBudget } from "../../../lib/budget/types";
import type { Finding } from "../../../lib/vocabulary/finding";

const brief = (f: Finding) => ({ code: f.code, message: f.message, fix: f.fix });

export function toJson(b: InstanceBudget, findings: Finding[], notes: string[]) {
  return {
    engine: b.engine,
    gpuMemoryBytes: b.gpuMemoryBytes,
    cudaTotalBytes: b.cudaTotalBytes,
    budgetBytesPerGpu: b.budgetBytesPerGpu,
    projectedUsedBytesPerGpu: b.projectedUsedBytesPerGpu,
    weightsBytesPerGpu: b.weightsBytesPerGpu,
    activationBytes: b.activationBytes,
    nonTorchBytes: b.nonTorchBytes,
    cudaGraphBytes: b.cudaGraphBytes,
    kvCacheBytesPerGpu: b.kvCacheBytesPerGpu,
    kvBytesPerTokenPerGpu: b.kvBytesPerTokenPerGpu,
    kvCacheTokens: b.kvCacheTokens,
    kvCacheTokensLow: b.uncertainty.kvCacheTokensLow,
    kvCacheTokensHigh: b.uncertainty.kvCacheTokensHigh,
    uncertainty: b.uncertainty,
    maxModelLen: b.maxModelLen,
    maxConcurrency: b.maxConcurrency,
    fits: b.uncertainty.verdict,
    maxModelLenThatFits: b.maxModelLenThatFits,
    availableKvBytesPerGpu: b.availableKvBytesPerGpu,
    settings: b.settings,
    host: b.host,
    terms: b.terms,
    errors: findings.filter((f) => f.severity === "error").map(brief),
    warnings: findings.filter((f) => f.severity === "warning").map(brief),
    notes,
  };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const n = (value: number) => value.toLocaleString("en-US");

export function renderTable(
  b: InstanceBudget,
  findings: Finding[],
  notes: string[],
  arch: ModelArch,
  gpu: BudgetGpu,
): string {
  const gpuName =
    typeof gpu === "number" ? `${gib(gpu)} GPU` : `${gpu.name}${"wsl2" in gpu && gpu.wsl2 ? " under WSL2" : ""}`;
  const s = b.settings;
  const u = b.uncertainty;
  const verdict = { fits: "yes", tight: "TIGHT (inside the uncertainty band)", "does not fit": "NO" }[u.verdict];
  const lines = [
    `${arch.id} on ${gpuName} — ${b.engine}${s ? ` (${s.profile}), TP ${s.tp}${s.pp > 1 ? ` × PP ${s.pp}` : ""}, ${s.weightFormat}` : ""}`,
    "",
    ...b.terms.map((t) => `  ${t.name.padEnd(11)} ${gib(t.bytes).padStart(11)}  ${t.explanation}`),
    "",
    `  budget per GPU ${gib(b.budgetBytesPerGpu)}; the card will hold ${gib(b.projectedUsedBytesPerGpu)} of ${gib(b.gpuMemoryBytes)}`,
    `  KV cache ${n(b.kvCacheTokens)} tokens ± ${(u.relative * 100).toFixed(1)} % (${n(u.kvCacheTokensLow)}–${n(u.kvCacheTokensHigh)}; ${u.basis}); ${n(b.kvBytesPerTokenPerGpu)} B/token/GPU; max_model_len ${n(b.maxModelLen)}; max concurrency ${b.maxConcurrency.toFixed(2)}x`,
    `  fits: ${verdict}${b.fits ? "" : `; longest max_model_len that fits: ${n(b.maxModelLenThatFits)}`}`,
    `  host: ${gib(b.host.ramBytes)} RAM, ${gib(b.host.shmBytes)} /dev/shm, ${b.host.cpus} CPU cores`,
  ];
  for (const f of findings) lines.push("", `${f.severity.toUpperCase()} ${f.code}: ${f.message}`, `  fix: ${f.fix}`);
  if (notes.length > 0) lines.push("", "notes:", ...notes.map((note) => `  - ${note}`));
  return lines.join("\n");
}
