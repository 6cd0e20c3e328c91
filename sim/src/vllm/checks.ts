import type { ModelArch } from "../catalog";
import { EngineFailure } from "../failure";
import type { SimGpu } from "../gpu/host";
import { valueError } from "./errors";

/** Kernels a checkpoint's quant_method may be run with (vLLM's override_quantization_method chain). */
const COMPATIBLE: Record<string, readonly string[]> = {
  gptq: ["gptq", "gptq_marlin", "gptq_marlin_24", "gptq_bitblas", "marlin", "moe_wna16"],
  awq: ["awq", "awq_marlin", "moe_wna16"],
  fp8: ["fp8", "fbgemm_fp8", "ptpc_fp8"],
  fbgemm_fp8: ["fbgemm_fp8", "fp8"],
  marlin: ["marlin", "gptq_marlin"],
  "compressed-tensors": ["compressed-tensors"],
  bitsandbytes: ["bitsandbytes"],
};

/** Methods that quantize a 16-bit checkpoint while loading; the others need the checkpoint's quantize_config.json. */
const ONLINE = ["fp8", "bitsandbytes", "experts_int8", "ptpc_fp8", "rtn", "deepspeedfp", "inc", "torchao"];

/** QuantizationConfig.get_min_capability() of the common methods (compute capability × 10). */
const MIN_CAPABILITY: Record<string, number> = {
  gptq: 60,
  awq: 75,
  bitsandbytes: 70,
  fp8: 80,
  gptq_marlin: 80,
  awq_marlin: 80,
  marlin: 80,
  fbgemm_fp8: 80,
  "compressed-tensors": 70,
  gptq_marlin_24: 80,
};

const capabilityOf = (gpu: SimGpu | undefined) => Math.round((gpu?.spec.computeCapability ?? 9) * 10);

/**
 * vLLM's ModelConfig._verify_quantization and the loader's get_quant_config. Returns the kernel that
 * runs: a GPTQ/AWQ checkpoint is converted to its Marlin kernel on capable GPUs unless asked otherwise.
 */
export function checkQuantization(
  arch: ModelArch,
  requested: string | undefined,
  gpu: SimGpu | undefined,
  pydantic: boolean,
  warnings: string[],
): string | undefined {
  const fromConfig = arch.quantization?.sourceMethod ?? arch.quantization?.method;
  if (fromConfig && requested && !(COMPATIBLE[fromConfig] ?? [fromConfig]).includes(requested)) {
    throw new EngineFailure(
      valueError(
        `Quantization method specified in the model config (${fromConfig}) does not match the quantization method specified in the \`quantization\` argument (${requested}).`,
        pydantic,
        "ModelConfig",
      ),
    );
  }
  let method = requested ?? fromConfig;
  if (!method) return undefined;
  if (!requested && (method === "gptq" || method === "awq") && capabilityOf(gpu) >= 80) {
    warnings.push(`The model is convertible to ${method}_marlin during runtime. Using ${method}_marlin kernel.`);
    method = `${method}_marlin`;
  }
  const needed = MIN_CAPABILITY[method];
  if (needed !== undefined && capabilityOf(gpu) < needed) {
    throw new EngineFailure(
      valueError(
        `The quantization method ${method} is not supported for the current GPU. Minimum capability: ${needed}. Current capability: ${capabilityOf(gpu)}.`,
        pydantic,
        "VllmConfig",
      ),
    );
  }
  return method;
}

/** Raised while loading weights, after "Starting to load model": a 16-bit checkpoint with --quantization gptq/awq. */
export function missingQuantConfig(arch: ModelArch, method: string | undefined): string | undefined {
  if (!method || arch.quantization || ONLINE.includes(method)) return undefined;
  return `ValueError: Cannot find the config file for ${method}`;
}

/** The dtype the model runs in; bfloat16 needs compute capability 8.0. */
export function resolveDtype(
  arch: ModelArch,
  requested: string,
  gpu: SimGpu | undefined,
  pydantic: boolean,
  warnings: string[],
): "bfloat16" | "float16" | "float32" {
  const config = arch.torchDtype === "float16" ? "float16" : arch.torchDtype === "float32" ? "float32" : "bfloat16";
  const dtype =
    requested === "auto"
      ? config === "float32"
        ? "bfloat16"
        : config
      : requested === "half" || requested === "float16"
        ? "float16"
        : requested === "float" || requested === "float32"
          ? "float32"
          : "bfloat16";
  const capability = capabilityOf(gpu);
  if (dtype !== "bfloat16" || capability >= 80) return dtype;
  if (requested === "auto") {
    warnings.push(
      `Your ${gpu?.spec.smiName ?? "GPU"} device (with compute capability ${capability / 10}) doesn't support torch.bfloat16. Falling back to torch.float16 for compatibility.`,
    );
    return "float16";
  }
  const name = gpu?.spec.smiName ?? "GPU";
  throw new EngineFailure(
    valueError(
      `Bfloat16 is only supported on GPUs with compute capability of at least 8.0. Your ${name} GPU has compute capability ${capability / 10}. You can use float16 instead by explicitly setting the \`dtype\` flag in CLI, for example: --dtype=half.`,
      pydantic,
      "ModelConfig",
    ),
  );
}
