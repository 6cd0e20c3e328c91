/**
 * How sure the KV-cache figure is: the relative band of its class, from the held-out part of the calibration corpus
 * (bench/calibration.ts writes uncertainty-bands.ts), and the fit verdict it implies.
 */
import { UNCERTAINTY_BANDS } from "./uncertainty-bands";

export type FitVerdict = "fits" | "tight" | "does not fit";

export interface UncertaintyClassInput {
  /** Version profile, e.g. "v1-0.11" or "tgi-3". */
  profile: string;
  tp: number;
  /** Weight format label (lib/budget/quantization.ts). */
  weightFormat: string;
  /** Tokens one request needs to start (max_model_len; TGI max_total_tokens). */
  neededTokens: number;
  /** The model has a vision encoder, whose weights and profiling the estimate leaves out: a class of its own. */
  multimodal?: boolean;
}

export interface KvUncertainty {
  /** Relative half-width of the band, e.g. 0.03 for ± 3 %. */
  relative: number;
  kvCacheTokensLow: number;
  kvCacheTokensHigh: number;
  verdict: FitVerdict;
  /** The class the band was taken from, e.g. "v1-0.11 × TP 1 × 16-bit", or the coarser one it fell back to. */
  basis: string;
}

export interface BandTable {
  /** Class key → relative band and the number of held-out cases behind it. */
  classes: Record<string, { relative: number; cases: number }>;
  /** When no class has held-out cases: the band of every held-out case of the engine. */
  fallback: Record<"vllm" | "tgi", { relative: number; cases: number }>;
  generatedFrom: string;
}

/** "16-bit", "int4" (GPTQ/AWQ/bitsandbytes 4 bit/FP4), "8-bit" (fp8, w8a8, int8). */
export function quantClass(weightFormat: string): string {
  const f = weightFormat.toLowerCase();
  if (/int4|nf4|fp4|4 bpw|mxfp4/.test(f)) return "4-bit";
  if (/fp8|int8|w8a|eetq|8 bpw/.test(f)) return "8-bit";
  return "16-bit";
}

export const tpClass = (tp: number): string => (tp > 1 ? "TP>1" : "TP 1");

export const classKey = (profile: string, tp: number, weightFormat: string, multimodal = false): string =>
  `${profile} × ${tpClass(tp)} × ${quantClass(weightFormat)}${multimodal ? MULTIMODAL : ""}`;

const MULTIMODAL = " × multimodal";

/** The band of the finest class with held-out cases: profile × TP × quantization, then profile × TP, then profile. */
export function bandFor(
  input: Pick<UncertaintyClassInput, "profile" | "tp" | "weightFormat">,
  table: BandTable = UNCERTAINTY_BANDS,
) {
  const keys = [
    classKey(input.profile, input.tp, input.weightFormat),
    `${input.profile} × ${tpClass(input.tp)}`,
    input.profile,
  ];
  for (const key of keys) {
    const band = table.classes[key];
    if (band && band.cases > 0)
      return { ...band, basis: `${key}, ${band.cases} held-out case${band.cases > 1 ? "s" : ""}` };
  }
  const engine = input.profile.startsWith("tgi") ? "tgi" : "vllm";
  const band = table.fallback[engine];
  const label = engine === "tgi" ? "TGI" : "vLLM";
  const basis =
    band.cases > 0
      ? `no held-out case in ${keys[0]}: every held-out ${label} case (${band.cases})`
      : `no held-out ${label} case with a KV figure yet: ${Math.round(band.relative * 100)} % assumed`;
  return { ...band, basis };
}

export function kvUncertainty(
  input: UncertaintyClassInput,
  kvTokens: number,
  fits: boolean,
  _maxModelLen: number,
): KvUncertainty {
  const band = bandFor(input);
  const low = Math.max(0, Math.floor(kvTokens * (1 - band.relative)));
  const high = Math.ceil(kvTokens * (1 + band.relative));
  const verdict: FitVerdict = !fits ? "does not fit" : low < input.neededTokens ? "tight" : "fits";
  return { relative: band.relative, kvCacheTokensLow: low, kvCacheTokensHigh: high, verdict, basis: band.basis };
}

/** "± 3 %", "± 2.5 %": the band as people read it. */
export function bandLabel(relative: number): string {
  const percent = relative * 100;
  const shown = percent < 10 ? percent.toFixed(1).replace(/\.0$/, "") : percent.toFixed(0);
  return `± ${shown} %`;
}
