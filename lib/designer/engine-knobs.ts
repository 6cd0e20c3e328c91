import type { Engine, Instance } from "../vocabulary/layout-schema";

/**
 * Each engine's own settings, as the instance form shows them: vLLM's and TGI's knobs are different flags with
 * different meanings, so each engine lists its own. A new engine field is one more entry here (the form renders
 * whatever the list holds). Labels are the engines' flag names in snake_case, as people read them in logs and docs.
 */

/** What a knob's hint may say about the card the instance is planned on. */
export interface KnobContext {
  /** The memory share that keeps the instance's card under the VRAM ceiling (undefined: no budget). */
  ceilingShare: number | undefined;
  /** The ceiling as a share of the card (0.9 by default). */
  ceiling: number;
}

interface KnobBase {
  /** Stable key: the instance field's path ("maxNumSeqs", "tgi.maxInputTokens"). */
  key: string;
  label: string;
  hint?: (instance: Instance, context: KnobContext) => string | undefined;
}

export interface NumberKnob extends KnobBase {
  kind: "number";
  integer?: boolean;
  min?: number;
  max?: number;
  step?: number;
  /** Empty is allowed and means "the engine decides". */
  optional?: boolean;
  read: (instance: Instance) => number | undefined;
  patch: (instance: Instance, value: number | undefined) => Partial<Instance>;
}

export interface ChoiceKnob extends KnobBase {
  kind: "choice";
  options: readonly { value: string; label: string }[];
  read: (instance: Instance) => string;
  patch: (instance: Instance, value: string) => Partial<Instance>;
}

export type EngineKnob = NumberKnob | ChoiceKnob;

type TgiSettings = NonNullable<Instance["tgi"]>;
const tgiOf = (instance: Instance): TgiSettings => instance.tgi ?? { cudaMemoryFraction: 1 };
const tgiPatch = (instance: Instance, patch: Partial<TgiSettings>): Partial<Instance> => ({
  tgi: { ...tgiOf(instance), ...patch },
});

const percent = (x: number) => `${Math.round(x * 1000) / 10} %`;

/** The memory share's hint: what keeps the card under the ceiling, and whether the value set does. */
function shareHint(what: string) {
  return (instance: Instance, { ceilingShare, ceiling }: KnobContext): string => {
    const base = `Share of each card's total memory ${what} takes.`;
    if (ceilingShare === undefined) return `${base} Keep planned use under the ${percent(ceiling)} VRAM ceiling.`;
    const current = instance.engine === "tgi" ? tgiOf(instance).cudaMemoryFraction : instance.gpuMemoryUtilization;
    const verdict = current > ceilingShare ? ` ${current} goes over it.` : "";
    return `${base} Default here: ${ceilingShare}, the most that keeps this card under the ${percent(ceiling)} VRAM ceiling (CUDA context and graphs come on top).${verdict}`;
  };
}

const CUDA_GRAPHS: ChoiceKnob = {
  key: "enforceEager",
  label: "CUDA graphs",
  kind: "choice",
  options: [
    { value: "graphs", label: "captured (default)" },
    { value: "eager", label: "off" },
  ],
  read: (i) => (i.enforceEager ? "eager" : "graphs"),
  patch: (_i, v) => ({ enforceEager: v === "eager" }),
};

const VLLM_KNOBS: readonly EngineKnob[] = [
  {
    key: "maxModelLen",
    label: "max_model_len (tokens)",
    kind: "number",
    integer: true,
    min: 1,
    optional: true,
    hint: () => "Prompt + output per request. Empty: the model's own limit.",
    read: (i) => i.maxModelLen,
    patch: (_i, maxModelLen) => ({ maxModelLen }),
  },
  {
    key: "gpuMemoryUtilization",
    label: "gpu_memory_utilization",
    kind: "number",
    min: 0.05,
    max: 1,
    step: 0.01,
    hint: shareHint("vLLM"),
    read: (i) => i.gpuMemoryUtilization,
    patch: (_i, v) => (v === undefined ? {} : { gpuMemoryUtilization: v }),
  },
  {
    key: "maxNumSeqs",
    label: "max_num_seqs",
    kind: "number",
    integer: true,
    min: 1,
    optional: true,
    hint: () => "Requests batched at once. Empty: vLLM's default.",
    read: (i) => i.maxNumSeqs,
    patch: (_i, maxNumSeqs) => ({ maxNumSeqs }),
  },
  {
    key: "maxNumBatchedTokens",
    label: "max_num_batched_tokens",
    kind: "number",
    integer: true,
    min: 1,
    optional: true,
    hint: () => "Tokens per scheduler step; sizes the activation peak. Empty: vLLM's default.",
    read: (i) => i.maxNumBatchedTokens,
    patch: (_i, maxNumBatchedTokens) => ({ maxNumBatchedTokens }),
  },
  {
    key: "kvCacheDtype",
    label: "kv_cache_dtype",
    kind: "choice",
    options: (["auto", "fp8", "fp8_e4m3", "fp8_e5m2"] as const).map((v) => ({ value: v, label: v })),
    read: (i) => i.kvCacheDtype,
    patch: (_i, v) => ({ kvCacheDtype: v as Instance["kvCacheDtype"] }),
  },
  { ...CUDA_GRAPHS, label: "CUDA graphs (enforce_eager turns them off)" },
];

const TGI_KNOBS: readonly EngineKnob[] = [
  {
    key: "tgi.maxInputTokens",
    label: "max_input_tokens",
    kind: "number",
    integer: true,
    min: 1,
    optional: true,
    hint: () => "Longest prompt. Must be below max_total_tokens. Empty: TGI derives it.",
    read: (i) => i.tgi?.maxInputTokens,
    patch: (i, maxInputTokens) => tgiPatch(i, { maxInputTokens }),
  },
  {
    key: "tgi.maxTotalTokens",
    label: "max_total_tokens",
    kind: "number",
    integer: true,
    min: 2,
    optional: true,
    hint: () => "Prompt + generated tokens per request. Empty: TGI derives it from the model.",
    read: (i) => i.tgi?.maxTotalTokens,
    patch: (i, maxTotalTokens) => tgiPatch(i, { maxTotalTokens }),
  },
  {
    key: "tgi.maxBatchPrefillTokens",
    label: "max_batch_prefill_tokens",
    kind: "number",
    integer: true,
    min: 1,
    optional: true,
    hint: () => "Tokens prefilled in one batch; at least max_input_tokens. Empty: TGI's default.",
    read: (i) => i.tgi?.maxBatchPrefillTokens,
    patch: (i, maxBatchPrefillTokens) => tgiPatch(i, { maxBatchPrefillTokens }),
  },
  {
    key: "tgi.maxBatchTotalTokens",
    label: "max_batch_total_tokens",
    kind: "number",
    integer: true,
    min: 1,
    optional: true,
    hint: () => "Tokens of all requests in a batch (the KV cache). Empty: TGI sizes it from free memory.",
    read: (i) => i.tgi?.maxBatchTotalTokens,
    patch: (i, maxBatchTotalTokens) => tgiPatch(i, { maxBatchTotalTokens }),
  },
  {
    key: "tgi.cudaMemoryFraction",
    label: "cuda_memory_fraction",
    kind: "number",
    min: 0.05,
    max: 1,
    step: 0.01,
    hint: shareHint("TGI"),
    read: (i) => tgiOf(i).cudaMemoryFraction,
    patch: (i, v) => (v === undefined ? {} : tgiPatch(i, { cudaMemoryFraction: v })),
  },
  {
    key: "kvCacheDtype",
    label: "kv_cache_dtype",
    kind: "choice",
    options: [
      { value: "auto", label: "auto" },
      { value: "fp8_e4m3fn", label: "fp8_e4m3fn" },
      { value: "fp8_e5m2", label: "fp8_e5m2" },
    ],
    read: (i) => (i.kvCacheDtype === "fp8" || i.kvCacheDtype === "fp8_e4m3" ? "fp8_e4m3fn" : i.kvCacheDtype),
    patch: (_i, v) => ({ kvCacheDtype: v as Instance["kvCacheDtype"] }),
  },
  { ...CUDA_GRAPHS, label: "CUDA graphs (--cuda-graphs 0 turns them off)" },
];

export const ENGINE_KNOBS: Record<Engine, readonly EngineKnob[]> = { vllm: VLLM_KNOBS, tgi: TGI_KNOBS };

/**
 * The patch that switches an instance to another engine: TGI's settings appear (memory share and context length
 * carried over), and vLLM takes TGI's total-token limit back as max_model_len when it has none.
 */
export function switchEnginePatch(instance: Instance, engine: Engine, share?: number): Partial<Instance> {
  if (engine === instance.engine) return {};
  if (engine === "tgi") {
    const maxTotalTokens = instance.tgi?.maxTotalTokens ?? instance.maxModelLen;
    return {
      engine,
      tgi: {
        ...tgiOf(instance),
        cudaMemoryFraction: share ?? tgiOf(instance).cudaMemoryFraction,
        ...(maxTotalTokens !== undefined ? { maxTotalTokens } : {}),
      },
    };
  }
  return {
    engine,
    ...(share !== undefined ? { gpuMemoryUtilization: share } : {}),
    ...(instance.maxModelLen === undefined && instance.tgi?.maxTotalTokens !== undefined
      ? { maxModelLen: instance.tgi.maxTotalTokens }
      : {}),
  };
}
