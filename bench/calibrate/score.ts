/**
 * One corpus case through `estimate` (in process, the same code the CLI runs) and through two baselines, compared with
 * what the engine logged: per term where the log has it, and one KV figure per case — KV tokens (GPU blocks × block
 * size where only blocks are logged; TGI's inferred max batch total tokens), else the available KV memory.
 */
import type { CalibrationCase } from "../calibration/schema";
import { estimate, type Estimate } from "../../cli/commands/estimate";
import { totalParams } from "../../lib/budget/params";
import { classKey } from "../../lib/budget/uncertainty";
import { GIB } from "../../lib/vocabulary/units";
import { caseArgs } from "./case-args";

export type Method = "model" | "gpustack" | "naive";
export const METHODS: Method[] = ["model", "gpustack", "naive"];
export const TERMS = ["weights", "activation", "nonTorch", "cudaGraphs", "availableKv", "kv"] as const;
export type Term = (typeof TERMS)[number];

export interface CaseScore {
  id: string;
  engine: "vllm" | "tgi";
  split: "fit" | "holdout";
  source: string;
  args: string[];
  assumptions: string[];
  /** What the KV comparison is made on. */
  kvBasis: "tokens" | "blocks" | "available-bytes" | "tgi-max-batch-total-tokens" | "none";
  actualFits: boolean | undefined;
  predicted: Record<Method, { fits: boolean; kv?: number; terms: Partial<Record<Term, number>> }>;
  /** Relative error (predicted − logged) / logged per term and method. */
  errors: Record<Method, Partial<Record<Term, number>>>;
  profile?: string;
  classKey?: string;
  verdict?: string;
  relativeBand?: number;
}

const rel = (predicted: number | undefined, logged: number | undefined): number | undefined => {
  if (predicted === undefined || logged === undefined) return undefined;
  if (logged === 0) return predicted === 0 ? 0 : Math.sign(predicted);
  return (predicted - logged) / Math.abs(logged);
};

/** The logged KV figure the case is judged on, in the unit the model is compared in. */
function loggedKv(c: CalibrationCase, blockSize: number): { basis: CaseScore["kvBasis"]; value?: number } {
  const l = c.logged;
  if (c.engine === "tgi") {
    // A user-set --max-batch-total-tokens is echoed, not inferred: nothing to compare.
    if (l.maxBatchTotalTokens !== undefined && c.settings.maxBatchTotalTokens === undefined)
      return { basis: "tgi-max-batch-total-tokens", value: l.maxBatchTotalTokens };
    return { basis: "none" };
  }
  if (l.kvCacheTokens !== undefined) return { basis: "tokens", value: l.kvCacheTokens };
  if (l.gpuBlocks !== undefined) return { basis: "blocks", value: l.gpuBlocks * (c.settings.blockSize ?? blockSize) };
  if (l.noFitKvTokens !== undefined) return { basis: "tokens", value: l.noFitKvTokens };
  const available = l.availableKvGiB ?? l.noFitAvailableGiB;
  if (available !== undefined) return { basis: "available-bytes", value: available * GIB };
  return { basis: "none" };
}

const actualFitsOf = (c: CalibrationCase): boolean | undefined =>
  c.outcome === "started" ? true : c.outcome === "kv-no-fit" || c.outcome === "oom" ? false : undefined;

/** What web calculators do: parameters × nominal bytes split over TP, KV = budget − weights × factor. */
function baseline(c: CalibrationCase, e: Estimate, factor: number, basis: CaseScore["kvBasis"]) {
  const arch = e.arch;
  const q = arch.quantization;
  const ranks = e.budget.settings?.tp ?? 1;
  const pp = e.budget.settings?.pp ?? 1;
  const weights = (totalParams(arch) * (q ? q.bits / 8 : 2)) / (ranks * pp);
  const kvPerToken = (2 * arch.numLayers * arch.numKeyValueHeads * arch.headDim * 2) / (ranks * pp);
  const fraction = c.engine === "tgi" ? (c.settings.cudaMemoryFraction ?? 1) : (c.settings.gpuMemoryUtilization ?? 0.9);
  const available = e.budget.cudaTotalBytes * fraction - weights * factor;
  const tokens = Math.max(0, Math.floor(available / kvPerToken));
  const kv = basis === "available-bytes" ? available : tokens;
  return { fits: tokens >= e.budget.maxModelLen, kv, terms: { weights, availableKv: available } };
}

export function scoreCase(c: CalibrationCase, configDir: string): CaseScore {
  const { args, assumptions } = caseArgs(c, configDir);
  const e = estimate(args);
  const b = e.budget;
  const logged = loggedKv(c, b.settings?.blockSizeTokens ?? 16);
  const modelKv = logged.basis === "available-bytes" ? (b.availableKvBytesPerGpu ?? 0) : b.kvCacheTokens;
  const modelTerms: Partial<Record<Term, number>> = {
    weights: b.weightsBytesPerGpu,
    activation: b.activationBytes,
    nonTorch: b.nonTorchCountedBytes ?? b.nonTorchBytes,
    cudaGraphs: b.cudaGraphBytes,
    availableKv: b.availableKvBytesPerGpu,
  };
  const predicted = {
    model: { fits: b.fits, kv: modelKv, terms: modelTerms },
    gpustack: baseline(c, e, 1.2, logged.basis),
    naive: baseline(c, e, 1, logged.basis),
  };
  const l = c.logged;
  const loggedTerms: Partial<Record<Term, number>> = {
    weights: l.weightsGiB === undefined ? undefined : l.weightsGiB * GIB,
    activation: l.activationPeakGiB === undefined ? undefined : l.activationPeakGiB * GIB,
    nonTorch: l.nonTorchGiB === undefined ? undefined : l.nonTorchGiB * GIB,
    cudaGraphs: l.cudaGraphGiB === undefined ? undefined : l.cudaGraphGiB * GIB,
    availableKv:
      (l.availableKvGiB ?? l.noFitAvailableGiB) === undefined
        ? undefined
        : (l.availableKvGiB ?? l.noFitAvailableGiB)! * GIB,
  };
  const errors = Object.fromEntries(
    METHODS.map((m) => {
      const p: { kv?: number; terms: Partial<Record<Term, number>> } = predicted[m];
      const perTerm: Partial<Record<Term, number>> = {};
      for (const t of TERMS) {
        const e = t === "kv" ? rel(p.kv, logged.value) : rel(p.terms[t], loggedTerms[t]);
        if (e !== undefined) perTerm[t] = e;
      }
      return [m, perTerm];
    }),
  ) as Record<Method, Partial<Record<Term, number>>>;
  return {
    id: c.id,
    engine: c.engine,
    split: c.split ?? "fit",
    source: c.source,
    args,
    assumptions,
    kvBasis: logged.basis,
    actualFits: actualFitsOf(c),
    predicted,
    errors,
    profile: b.settings?.profile,
    classKey: b.settings
      ? classKey(b.settings.profile, b.settings.tp * b.settings.pp, b.settings.weightFormat, e.arch.multimodal)
      : undefined,
    verdict: b.uncertainty.verdict,
    relativeBand: b.uncertainty.relative,
  };
}
