/** Medians, worst cases and fit verdicts over scored cases; the uncertainty bands from held-out residuals. */
import type { BandTable } from "../../lib/budget/uncertainty";
import { type CaseScore, METHODS, type Method, TERMS } from "./score";

export interface Stat {
  n: number;
  median: number;
  worst: number;
}

export interface Summary {
  cases: number;
  kv: Partial<Record<Method, Stat>>;
  fitsRight: Record<Method, { right: number; of: number }>;
  terms: Partial<Record<string, Stat>>;
}

export function stat(errors: number[]): Stat | undefined {
  if (errors.length === 0) return undefined;
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const mid = abs.length / 2;
  const median = abs.length % 2 ? abs[Math.floor(mid)]! : (abs[mid - 1]! + abs[mid]!) / 2;
  return { n: abs.length, median, worst: abs[abs.length - 1]! };
}

export function summarize(scores: readonly CaseScore[]): Summary {
  const kv: Summary["kv"] = {};
  const fitsRight = {} as Summary["fitsRight"];
  for (const m of METHODS) {
    const s = stat(scores.flatMap((c) => (c.errors[m].kv === undefined ? [] : [c.errors[m].kv])));
    if (s) kv[m] = s;
    const judged = scores.filter((c) => c.actualFits !== undefined);
    fitsRight[m] = { right: judged.filter((c) => c.predicted[m].fits === c.actualFits).length, of: judged.length };
  }
  const terms: Summary["terms"] = {};
  for (const t of TERMS) {
    if (t === "kv") continue;
    const s = stat(scores.flatMap((c) => (c.errors.model[t] === undefined ? [] : [c.errors.model[t]])));
    if (s) terms[t] = s;
  }
  return { cases: scores.length, kv, fitsRight, terms };
}

/** Smallest band: KV figures are whole blocks, and logs print two decimals. */
const FLOOR = 0.01;

/** One band from a class's residuals: the largest under five cases, else the 80th percentile. */
function bandOf(errors: number[]): number {
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const value = abs.length < 5 ? abs[abs.length - 1]! : abs[Math.min(abs.length - 1, Math.ceil(0.8 * abs.length) - 1)]!;
  return Math.max(FLOOR, Math.round(value * 1000) / 1000);
}

/** Bands per class (profile × TP × quantization, then profile × TP, then profile) from held-out KV residuals. */
export function bandTable(holdout: readonly CaseScore[]): BandTable {
  const groups = new Map<string, number[]>();
  const fallback: Record<"vllm" | "tgi", number[]> = { vllm: [], tgi: [] };
  for (const s of holdout) {
    const error = s.errors.model.kv;
    if (error === undefined || !s.classKey || !s.profile) continue;
    const [profile, tp, , multimodal] = s.classKey.split(" × ");
    const suffix = multimodal ? ` × ${multimodal}` : "";
    const keys = [
      s.classKey,
      `${profile} × ${tp}${suffix}`,
      `${profile}${suffix}`,
      ...(multimodal ? ["multimodal"] : []),
    ];
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), error]);
    // The engine-wide fallback is for text models; a multimodal model without a class of its own falls back to it too.
    if (!multimodal) fallback[s.engine].push(error);
  }
  const classes = Object.fromEntries(
    [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, errors]) => [key, { relative: bandOf(errors), cases: errors.length }]),
  );
  const engineBand = (errors: number[]) => ({ relative: errors.length ? bandOf(errors) : 0.1, cases: errors.length });
  return {
    generatedFrom: `${holdout.length} held-out corpus cases, ${new Date().toISOString().slice(0, 10)}`,
    classes,
    fallback: { vllm: engineBand(fallback.vllm), tgi: engineBand(fallback.tgi) },
  };
}
