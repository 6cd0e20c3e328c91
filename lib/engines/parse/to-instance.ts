import type { Engine, Instance } from "../../vocabulary/layout-schema";
import type { InstancePatch } from "../patch";
import { ropeFromJson } from "../rope";
import type { AcceptedFlag } from "../validate-flags";
import { parseNumber } from "../validate-flags";
import { parseSizeList, tidyVllm, VLLM_MEMORY_FLAGS } from "./memory-flags";

type Draft = InstancePatch;

const DTYPES: Record<string, Instance["dtype"]> = {
  auto: "auto",
  half: "half",
  float16: "float16",
  bfloat16: "bfloat16",
  float: "float32",
  float32: "float32",
};

const KV_DTYPES: Record<string, Instance["kvCacheDtype"]> = {
  auto: "auto",
  fp8: "fp8",
  fp8_e4m3: "fp8_e4m3",
  fp8_e5m2: "fp8_e5m2",
  fp8_e4m3fn: "fp8_e4m3fn",
};

const numberOf = (flag: AcceptedFlag): number | undefined => parseNumber(flag.spec, flag.value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type TgiRope = { type?: "linear" | "dynamic"; factor?: number };
type Apply = (draft: Draft, flag: AcceptedFlag, rope: TgiRope) => void;

/** Flags both engines spell alike, or whose meaning maps onto the same field. */
const SHARED: Record<string, Apply> = {
  "--dtype": (d, f) => void (d.dtype = DTYPES[f.value]),
  "--kv-cache-dtype": (d, f) => void (d.kvCacheDtype = KV_DTYPES[f.value]),
  "--port": (d, f) => void (d.port = numberOf(f)),
};

const tgiSettings = (d: Draft) => (d.tgi ??= {});

/** vLLM flags onto the layout's instance fields. */
const VLLM_FIELDS: Record<string, Apply> = {
  ...SHARED,
  "--model": (d, f) => void (d.model = f.value),
  "--tensor-parallel-size": (d, f) => void (d.tp = numberOf(f)),
  "--quantization": (d, f) => void (d.quantization = f.value),
  "--max-model-len": (d, f) => void (d.maxModelLen = numberOf(f)),
  "--rope-scaling": (d, f) => void (d.ropeScaling = ropeFromJson(parseJson(f.value))),
  "--hf-overrides": (d, f) => {
    const overrides = parseJson(f.value);
    const rope =
      typeof overrides === "object" && overrides !== null
        ? (overrides as Record<string, unknown>).rope_scaling
        : undefined;
    if (rope !== undefined) d.ropeScaling = ropeFromJson(rope);
  },
  "--gpu-memory-utilization": (d, f) => void (d.gpuMemoryUtilization = numberOf(f)),
  "--max-num-seqs": (d, f) => void (d.maxNumSeqs = numberOf(f)),
  "--max-num-batched-tokens": (d, f) => void (d.maxNumBatchedTokens = numberOf(f)),
  "--enforce-eager": (d, f) => void (d.enforceEager = !f.negated && f.value !== "false"),
  ...VLLM_MEMORY_FLAGS,
};

/** TGI flags onto the layout's instance fields; rope flags are collected and combined at the end. */
const TGI_FIELDS: Record<string, Apply> = {
  ...SHARED,
  "--model-id": (d, f) => void (d.model = f.value),
  "--num-shard": (d, f) => void (d.tp = numberOf(f)),
  "--quantize": (d, f) => void (d.quantization = f.value),
  "--max-input-tokens": (d, f) => void (tgiSettings(d).maxInputTokens = numberOf(f)),
  "--max-input-length": (d, f) => void (tgiSettings(d).maxInputTokens = numberOf(f)),
  "--max-total-tokens": (d, f) => void (tgiSettings(d).maxTotalTokens = numberOf(f)),
  "--max-batch-prefill-tokens": (d, f) => void (tgiSettings(d).maxBatchPrefillTokens = numberOf(f)),
  "--max-batch-total-tokens": (d, f) => void (tgiSettings(d).maxBatchTotalTokens = numberOf(f)),
  "--cuda-memory-fraction": (d, f) => void (tgiSettings(d).cudaMemoryFraction = numberOf(f)),
  "--enable-prefill-logprobs": (d, f) => void (tgiSettings(d).prefillLogprobs = !f.negated && f.value !== "false"),
  "--rope-scaling": (_d, f, rope) => void (rope.type = f.value === "dynamic" ? "dynamic" : "linear"),
  "--rope-factor": (_d, f, rope) => void (rope.factor = numberOf(f)),
  "--cuda-graphs": (d, f) => {
    const sizes = parseSizeList(f.value);
    if (f.value.trim() === "0" || sizes?.length === 0) d.enforceEager = true;
    else if (sizes) tgiSettings(d).cudaGraphs = sizes;
  },
};

/** Whether a flag changes the instance (and so the memory plan); the rest are accepted and change nothing here. */
export const flagSetsField = (engine: Engine, flagName: string): boolean =>
  flagName in (engine === "vllm" ? VLLM_FIELDS : TGI_FIELDS);

/** Turns accepted flags into instance fields; unset fields stay out so the schema's defaults apply. */
export function flagsToDraft(engine: Engine, flags: readonly AcceptedFlag[]): Draft {
  const draft: Draft = { engine };
  const rope: TgiRope = {};
  const fields = engine === "vllm" ? VLLM_FIELDS : TGI_FIELDS;
  for (const flag of flags) fields[flag.spec.name]?.(draft, flag, rope);
  // The launcher's rule: a factor alone means linear, a type alone means factor 1.0.
  if (rope.type !== undefined || rope.factor !== undefined) {
    draft.ropeScaling = { type: rope.type ?? "linear", factor: rope.factor ?? 1 };
  }
  if (draft.tgi && Object.keys(draft.tgi).length === 0) delete draft.tgi;
  tidyVllm(draft);
  return withoutUndefined(draft);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
