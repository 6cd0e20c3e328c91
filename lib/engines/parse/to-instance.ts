import type { Engine, Instance } from "../../layout/schema";
import type { InstancePatch } from "../patch";
import { ropeFromJson } from "../rope";
import type { AcceptedFlag } from "../validate-flags";
import { parseNumber } from "../validate-flags";

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

/** Maps validated vLLM flags onto the layout's instance fields. */
function applyVllmFlag(draft: Draft, flag: AcceptedFlag): void {
  switch (flag.spec.name) {
    case "--model":
      draft.model = flag.value;
      return;
    case "--tensor-parallel-size":
      draft.tp = numberOf(flag);
      return;
    case "--quantization":
      draft.quantization = flag.value;
      return;
    case "--dtype":
      draft.dtype = DTYPES[flag.value];
      return;
    case "--kv-cache-dtype":
      draft.kvCacheDtype = KV_DTYPES[flag.value];
      return;
    case "--max-model-len":
      draft.maxModelLen = numberOf(flag);
      return;
    case "--rope-scaling":
      draft.ropeScaling = ropeFromJson(parseJson(flag.value));
      return;
    case "--hf-overrides": {
      const overrides = parseJson(flag.value);
      const rope = typeof overrides === "object" && overrides !== null ? (overrides as Record<string, unknown>).rope_scaling : undefined;
      if (rope !== undefined) draft.ropeScaling = ropeFromJson(rope);
      return;
    }
    case "--gpu-memory-utilization":
      draft.gpuMemoryUtilization = numberOf(flag);
      return;
    case "--max-num-seqs":
      draft.maxNumSeqs = numberOf(flag);
      return;
    case "--max-num-batched-tokens":
      draft.maxNumBatchedTokens = numberOf(flag);
      return;
    case "--enforce-eager":
      draft.enforceEager = !flag.negated && flag.value !== "false";
      return;
    case "--port":
      draft.port = numberOf(flag);
      return;
    default:
      return;
  }
}

/** Maps validated TGI flags onto the layout's instance fields. */
function applyTgiFlag(draft: Draft, flag: AcceptedFlag, rope: { type?: "linear" | "dynamic"; factor?: number }): void {
  const tgi = (draft.tgi ??= {});
  switch (flag.spec.name) {
    case "--model-id":
      draft.model = flag.value;
      return;
    case "--num-shard":
      draft.tp = numberOf(flag);
      return;
    case "--quantize":
      draft.quantization = flag.value;
      return;
    case "--dtype":
      draft.dtype = DTYPES[flag.value];
      return;
    case "--kv-cache-dtype":
      draft.kvCacheDtype = KV_DTYPES[flag.value];
      return;
    case "--max-input-tokens":
    case "--max-input-length":
      tgi.maxInputTokens = numberOf(flag);
      return;
    case "--max-total-tokens":
      tgi.maxTotalTokens = numberOf(flag);
      return;
    case "--max-batch-prefill-tokens":
      tgi.maxBatchPrefillTokens = numberOf(flag);
      return;
    case "--max-batch-total-tokens":
      tgi.maxBatchTotalTokens = numberOf(flag);
      return;
    case "--cuda-memory-fraction":
      tgi.cudaMemoryFraction = numberOf(flag);
      return;
    case "--rope-scaling":
      rope.type = flag.value === "dynamic" ? "dynamic" : "linear";
      return;
    case "--rope-factor":
      rope.factor = numberOf(flag);
      return;
    case "--cuda-graphs":
      if (flag.value.trim() === "0") draft.enforceEager = true;
      return;
    case "--port":
      draft.port = numberOf(flag);
      return;
    default:
      return;
  }
}

/** Turns accepted flags into instance fields; unset fields stay out so the schema's defaults apply. */
export function flagsToDraft(engine: Engine, flags: readonly AcceptedFlag[]): Draft {
  const draft: Draft = { engine };
  const rope: { type?: "linear" | "dynamic"; factor?: number } = {};
  for (const flag of flags) {
    if (engine === "vllm") applyVllmFlag(draft, flag);
    else applyTgiFlag(draft, flag, rope);
  }
  // The launcher's rule: a factor alone means linear, a type alone means factor 1.0.
  if (rope.type !== undefined || rope.factor !== undefined) {
    draft.ropeScaling = { type: rope.type ?? "linear", factor: rope.factor ?? 1 };
  }
  if (draft.tgi && Object.keys(draft.tgi).length === 0) delete draft.tgi;
  return withoutUndefined(draft);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
