import type { HfQuantizationConfig } from "./hf-config-schema";
import type { QuantizationConfig, QuantMethod } from "./types";
import { GGUF_TYPE_NAMES, ggufBitsPerWeight } from "./gguf-types";

export type QuantizationResult = { quantization?: QuantizationConfig } | { error: string };

/** Embeddings are never quantized by GPTQ/AWQ, and lm_head stays 16-bit unless GPTQ says `lm_head: true`. */
const SIXTEEN_BIT_IN_INT_CHECKPOINTS = ["embed_tokens", "lm_head"];

const SUPPORTED = "gptq, awq, fp8, fbgemm_fp8, compressed-tensors, bitsandbytes, marlin, eetq, exl2, mxfp4, gguf";

/** gpt-oss's MXFP4 checkpoints quantize the MoE experts only; attention, router, embeddings and lm_head stay bf16. */
const MXFP4_KEEP = ["self_attn", "router", "embed_tokens", "lm_head"];

/** Normalizes a config.json `quantization_config`; undefined in, undefined out. */
export function parseQuantizationConfig(raw: HfQuantizationConfig | null | undefined): QuantizationResult {
  if (!raw) return {};
  const method = raw.quant_method?.toLowerCase();
  if (method === undefined || method === "bitsandbytes") return bitsandbytes(raw);
  switch (method) {
    case "gptq":
    case "marlin":
      return intQuant(method, raw);
    case "awq":
      return intQuant("awq", raw);
    case "fp8":
    case "fbgemm_fp8":
      return fp8(method, raw);
    case "compressed-tensors":
      return compressedTensors(raw);
    case "eetq":
      return { quantization: { method: "eetq", bits: 8 } };
    case "exl2":
      return { quantization: { method: "exl2", bits: raw.bits ?? 4 } };
    case "mxfp4":
      return {
        quantization: {
          method: "mxfp4",
          bits: 4,
          groupSize: 32,
          modulesNotConverted: raw.modules_to_not_convert ?? MXFP4_KEEP,
        },
      };
    case "gguf":
      return gguf(raw);
    default:
      return {
        error: `quantization_config.quant_method is "${raw.quant_method}": fleetdeck reads ${SUPPORTED}; pick a checkpoint in one of those formats or remove quantization_config to plan the 16-bit model`,
      };
  }
}

function intQuant(method: QuantMethod, raw: HfQuantizationConfig): QuantizationResult {
  const bits = raw.bits ?? raw.w_bit;
  if (bits === undefined) {
    return {
      error: `quantization_config.bits is missing: a ${method} config.json says how many bits each weight has (4 or 8)`,
    };
  }
  const keep = new Set([...(raw.modules_to_not_convert ?? [])]);
  for (const name of SIXTEEN_BIT_IN_INT_CHECKPOINTS) keep.add(name);
  if (raw.lm_head === true) keep.delete("lm_head");
  return {
    quantization: {
      method,
      bits,
      groupSize: raw.group_size ?? raw.q_group_size,
      modulesNotConverted: [...keep],
      ...(raw.desc_act !== undefined ? { descAct: raw.desc_act } : {}),
    },
  };
}

function fp8(method: string, raw: HfQuantizationConfig): QuantizationResult {
  const keep = raw.modules_to_not_convert ?? raw.ignored_layers ?? undefined;
  return {
    quantization: {
      method: "fp8",
      bits: 8,
      ...(keep ? { modulesNotConverted: keep } : {}),
      ...(raw.weight_block_size ? { weightBlockSize: raw.weight_block_size } : {}),
      ...(method !== "fp8" ? { sourceMethod: method } : {}),
    },
  };
}

function compressedTensors(raw: HfQuantizationConfig): QuantizationResult {
  const groups = Object.values(raw.config_groups ?? {});
  const weights = groups.map((g) => g.weights).find((w) => w?.num_bits !== undefined);
  if (!weights?.num_bits) {
    return {
      error:
        "quantization_config.config_groups has no weights.num_bits: a compressed-tensors config.json lists each group's weight bits (e.g. config_groups.group_0.weights.num_bits: 8)",
    };
  }
  const activationBits = groups.map((g) => g.input_activations?.num_bits).find((b) => b !== undefined);
  const groupSize = weights.group_size ?? undefined;
  return {
    quantization: {
      method: "compressed-tensors",
      bits: weights.num_bits,
      ...(groupSize ? { groupSize } : {}),
      ...(raw.ignore ? { modulesNotConverted: raw.ignore } : {}),
      ...(activationBits !== undefined ? { activationBits } : {}),
    },
  };
}

function bitsandbytes(raw: HfQuantizationConfig): QuantizationResult {
  const bits = raw.load_in_4bit ? 4 : raw.load_in_8bit ? 8 : undefined;
  if (bits === undefined) {
    return {
      error:
        'quantization_config has neither quant_method nor load_in_4bit/load_in_8bit: say which method quantized the checkpoint (e.g. "quant_method": "gptq")',
    };
  }
  const keep = raw.llm_int8_skip_modules ?? undefined;
  return { quantization: { method: "bitsandbytes", bits, ...(keep ? { modulesNotConverted: keep } : {}) } };
}

/**
 * A GGUF file carries no quantization_config; fleetdeck's config for one names its llama.cpp type ("gguf_type":
 * "Q4_K_M", as in the file name). Bits are the type's block format (lib/catalog/gguf-types.ts).
 */
function gguf(raw: HfQuantizationConfig): QuantizationResult {
  const type = typeof raw.gguf_type === "string" ? raw.gguf_type.toUpperCase() : undefined;
  const bits = type ? ggufBitsPerWeight(type) : undefined;
  if (!type || bits === undefined) {
    return {
      error: `quantization_config.gguf_type is ${type ? `"${raw.gguf_type}"` : "missing"}: name the GGUF file's llama.cpp type (${GGUF_TYPE_NAMES.join(", ")})`,
    };
  }
  return { quantization: { method: "gguf", bits, ggufType: type } };
}
