import type { QuantMethod } from "../catalog/types";
import type { Engine } from "../vocabulary/layout-schema";
import { TGI_QUANTIZE_METHODS } from "./tgi/flags";
import { VLLM_QUANTIZATION_METHODS } from "./vllm/flags";

const VALID: Record<Engine, readonly string[]> = { vllm: VLLM_QUANTIZATION_METHODS, tgi: TGI_QUANTIZE_METHODS };

/** The engine's own value closest in meaning to what was typed ("gptq_int4" → "gptq"). */
export function suggestQuantValue(engine: Engine, typed: string): string | undefined {
  const value = typed.toLowerCase().trim();
  if (VALID[engine].includes(value)) return value;
  const flat = value.replaceAll("_", "-");
  if (VALID[engine].includes(flat)) return flat;
  if (flat.startsWith("gptq")) return "gptq";
  if (flat.startsWith("awq")) return "awq";
  if (flat.startsWith("fp8")) return "fp8";
  if (flat.startsWith("compressed")) return "compressed-tensors";
  if (engine === "tgi") {
    if (/nf4/.test(flat)) return "bitsandbytes-nf4";
    if (/fp4/.test(flat)) return "bitsandbytes-fp4";
    if (/^(bnb|bitsandbytes|int8|8bit|8-bit)/.test(flat)) return "bitsandbytes";
    if (/marlin/.test(flat)) return "marlin";
    return undefined;
  }
  if (/^(bnb|bitsandbytes|nf4|fp4|4bit|8bit)/.test(flat)) return "bitsandbytes";
  return undefined;
}

/** The checkpoint format an engine quantization value needs, or undefined when it quantizes on load. */
export function requiredCheckpointMethod(value: string): QuantMethod | undefined {
  const v = value.toLowerCase();
  if (v.startsWith("gptq") || v === "marlin" || v === "cpu_gptq") return "gptq";
  if (v.startsWith("awq") || v === "cpu_awq") return "awq";
  if (v === "compressed-tensors") return "compressed-tensors";
  if (v === "exl2") return "exl2";
  return undefined;
}

/** Values that quantize an unquantized checkpoint while loading it. */
export const quantizesOnLoad = (value: string): boolean =>
  [
    "fp8",
    "bitsandbytes",
    "bitsandbytes-nf4",
    "bitsandbytes-fp4",
    "eetq",
    "experts_int8",
    "ptpc_fp8",
    "fbgemm_fp8",
    "torchao",
    "rtn",
    "inc",
  ].includes(value.toLowerCase());
