import { GGUF_OUTPUT_BITS } from "../catalog/gguf-types";
import type { ModelArch, QuantizationConfig } from "../catalog/types";

/** How one quantizable linear weight is stored on the GPU. */
export interface WeightFormat {
  /** What people call it: "bf16", "GPTQ int4 g128", "fp8". */
  label: string;
  /** Bytes per converted weight, scales and zero points included. */
  bytesPerQuantizedParam: number;
  /** Bytes per weight that stays unconverted (embeddings, lm_head, norms, biases). */
  bytesPerPlainParam: number;
  /** Module fragments the checkpoint keeps in 16 bit ("self_attn", "mlp"). */
  keepPlain: string[];
  /** GPTQ/AWQ family: weights packed into int32 with group scales. */
  packedInt: boolean;
  /** MoE expert weights padded for the kernel: [intermediate per rank, hidden] rounded up to these multiples. */
  expertPadding?: [number, number];
}

const PACKED = new Set(["gptq", "awq", "gptq_marlin", "awq_marlin", "marlin", "gptq_marlin_24", "moe_wna16"]);
const NEEDS_CHECKPOINT = new Set([...PACKED, "exl2", "compressed-tensors"]);
const IN_FLIGHT = new Set(["fp8", "bitsandbytes", "bitsandbytes-nf4", "bitsandbytes-fp4", "eetq"]);

export function plainBytes(dtype: string, arch: ModelArch): number {
  if (dtype === "float32") return 4;
  if (dtype === "auto" && arch.torchDtype === "float32") return 2; // vLLM and TGI load fp32 checkpoints as 16 bit.
  return 2;
}

/**
 * The weight format an engine ends up with, from the engine flag (`requested`, e.g. "awq") and the
 * checkpoint's quantization_config. Budgets only: whether the flag is valid and matches the checkpoint is
 * lib/layout/rules' (quant.*). A value no engine knows budgets as the checkpoint's own format; a method that
 * needs a quantized checkpoint the model lacks budgets as 16-bit.
 */
export function resolveWeightFormat(arch: ModelArch, requested: string | undefined, dtype: string): WeightFormat {
  const plain = plainBytes(dtype, arch);
  const checkpoint = arch.quantization;
  const method = requested?.toLowerCase();
  if (method && NEEDS_CHECKPOINT.has(method) && !checkpoint) return unquantized(plain);
  if (method && IN_FLIGHT.has(method) && !checkpoint) return inFlight(method, plain);
  return fromCheckpoint(checkpoint, plain);
}

export const unquantized = (plain: number): WeightFormat => ({
  label: plain === 4 ? "fp32" : "16-bit",
  bytesPerQuantizedParam: plain,
  bytesPerPlainParam: plain,
  keepPlain: [],
  packedInt: false,
});

function inFlight(method: string, plain: number): WeightFormat {
  const base = { bytesPerPlainParam: plain, keepPlain: [], packedInt: false };
  switch (method) {
    case "fp8":
      return { ...base, label: "fp8 (quantized at load)", bytesPerQuantizedParam: 1 };
    case "eetq":
      return { ...base, label: "int8 EETQ", bytesPerQuantizedParam: 1 };
    case "bitsandbytes":
      return { ...base, label: "bitsandbytes int8", bytesPerQuantizedParam: 1 + 4 / 4096 };
    default:
      // NF4/FP4: 4 bits plus one fp32 absmax per block of 64 weights.
      return {
        ...base,
        label: `bitsandbytes ${method.endsWith("fp4") ? "fp4" : "nf4"}`,
        bytesPerQuantizedParam: 0.5 + 4 / 64,
      };
  }
}

function fromCheckpoint(q: QuantizationConfig | undefined, plain: number): WeightFormat {
  if (!q) return unquantized(plain);
  const keepPlain = (q.modulesNotConverted ?? []).filter((m) => m !== "lm_head");
  const base = { bytesPerPlainParam: 2, keepPlain, packedInt: false };
  switch (q.method) {
    case "gptq":
    case "awq":
    case "marlin":
      return { ...base, ...packedFormat(q), packedInt: true };
    case "compressed-tensors":
      return q.bits >= 8
        ? { ...base, label: `w8a${q.activationBits ?? 16} (compressed-tensors)`, bytesPerQuantizedParam: 1 }
        : { ...base, ...packedFormat(q), packedInt: true };
    case "fp8": {
      const block = q.weightBlockSize;
      const scaleBytes = block && block.length === 2 ? 4 / ((block[0] ?? 128) * (block[1] ?? 128)) : 0;
      return { ...base, label: block ? `fp8 block ${block.join("×")}` : "fp8", bytesPerQuantizedParam: 1 + scaleBytes };
    }
    case "bitsandbytes":
      return q.bits <= 4 ? inFlight("bitsandbytes-nf4", 2) : inFlight("bitsandbytes", 2);
    case "eetq":
      return inFlight("eetq", 2);
    case "exl2":
      return { ...base, label: `exl2 ${q.bits} bpw`, bytesPerQuantizedParam: q.bits / 8 };
    case "gguf":
      // GGUF keeps the embedding and the output weight quantized too (Q6_K in K-quant files).
      return {
        ...base,
        label: `GGUF ${q.ggufType ?? `${q.bits} bpw`}`,
        bytesPerQuantizedParam: q.bits / 8,
        bytesPerPlainParam: GGUF_OUTPUT_BITS / 8,
      };
    case "mxfp4":
      // E2M1 values, 4 bits each, and one E8M0 byte scale per block of 32 (OCP microscaling).
      // Below Blackwell vLLM runs them through the Marlin MoE kernel, which needs n % 256 == 0 and k % 128 == 0: it pads
      // the intermediate size per rank to 128 and the hidden size to 256 (model_executor/layers/quantization/mxfp4.py).
      return { ...base, label: "MXFP4", bytesPerQuantizedParam: 0.5 + 1 / 32, expertPadding: [128, 256] };
  }
}

/** GPTQ/AWQ: int32-packed weights, an fp16 scale and a packed zero point per group of input rows. */
function packedFormat(q: QuantizationConfig): Pick<WeightFormat, "label" | "bytesPerQuantizedParam"> {
  const group = q.groupSize && q.groupSize > 0 ? q.groupSize : 4096; // per channel ≈ one group per input row span
  const bytes = q.bits / 8 + (2 + q.bits / 8) / group;
  return {
    label: `${q.method.toUpperCase()} int${q.bits}${q.groupSize && q.groupSize > 0 ? ` g${q.groupSize}` : ""}`,
    bytesPerQuantizedParam: bytes,
  };
}
