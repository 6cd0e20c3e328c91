import type { ModelArch } from "../../catalog/types";
import { requiredCheckpointMethod, quantizesOnLoad, suggestQuantValue } from "../../engines/quant-values";
import { TGI_QUANTIZE_METHODS } from "../../engines/tgi/flags";
import { VLLM_QUANTIZATION_METHODS } from "../../engines/vllm/flags";
import type { Finding } from "../../vocabulary/finding";
import type { Instance } from "../../vocabulary/layout-schema";
import { nameOf, withFixes } from "./describe";
import { findQuantizedSibling, type ModelLookup } from "../../catalog/quantized-sibling";

const VALID_VALUES: Record<Instance["engine"], readonly string[]> = {
  vllm: VLLM_QUANTIZATION_METHODS,
  tgi: TGI_QUANTIZE_METHODS,
};
const ENGINE_FLAG: Record<Instance["engine"], string> = { vllm: "--quantization", tgi: "--quantize" };

/** The instance's quantization must be an engine value and match what the checkpoint holds. */
export function checkQuantization(instance: Instance, arch: ModelArch, lookup?: ModelLookup): Finding[] {
  const requested = instance.quantization;
  if (!requested) return [];
  const flag = ENGINE_FLAG[instance.engine];
  const checkpoint = arch.quantization?.method;
  const who = nameOf(instance);

  if (!VALID_VALUES[instance.engine].includes(requested)) {
    const suggestion = suggestQuantValue(instance.engine, requested);
    const own = checkpoint !== undefined && VALID_VALUES[instance.engine].includes(checkpoint) ? checkpoint : undefined;
    const detect = `leave ${flag} out to let the engine read it from the checkpoint${checkpoint ? ` (${instance.model} is ${checkpoint.toUpperCase()})` : ""}`;
    return [
      {
        code: "quant.unknown-value",
        severity: "error",
        instanceId: instance.id,
        field: "quantization",
        message: `${who}: ${flag} ${requested} is not a ${instance.engine === "tgi" ? "TGI" : "vLLM"} value.`,
        fix: suggestion
          ? `Use ${flag} ${suggestion}, or ${detect}.`
          : `Use one of: ${VALID_VALUES[instance.engine].join(", ")}; or ${detect}.`,
        ...withFixes([
          ...((suggestion ?? own)
            ? [{ label: `Use ${flag} ${suggestion ?? own}`, patch: { quantization: suggestion ?? own } }]
            : []),
          { label: `Leave ${flag} out (auto-detect)`, patch: { quantization: undefined } },
        ]),
      },
    ];
  }

  const needed = requiredCheckpointMethod(requested);
  if (needed && checkpoint === undefined) {
    const sibling = findQuantizedSibling(instance.model, needed, lookup);
    const kind = needed.toUpperCase();
    return [
      {
        code: "quant.checkpoint-not-quantized",
        severity: "error",
        instanceId: instance.id,
        field: "model",
        message: `${who}: ${flag} ${requested} needs a ${kind}-quantized checkpoint, but ${instance.model} is not ${kind}-quantized (its config.json has no quantization_config); loading fails.`,
        fix: sibling
          ? `Use ${sibling} with ${flag} ${needed} (or leave ${flag} out: the engine reads it from the checkpoint). To keep ${instance.model}, remove ${flag}.`
          : `Serve a ${kind} checkpoint of ${instance.model}, or remove ${flag} to run it unquantized.`,
        patch: { quantization: undefined },
        ...(sibling
          ? withFixes([
              { label: `Use ${sibling}`, patch: { model: sibling } },
              { label: `Keep ${instance.model}, remove ${flag}`, patch: { quantization: undefined } },
            ])
          : {}),
      },
    ];
  }
  if (checkpoint !== undefined && ((needed !== undefined && needed !== checkpoint) || quantizesOnLoad(requested))) {
    const kind = checkpoint.toUpperCase();
    const engineValue = VALID_VALUES[instance.engine].includes(checkpoint) ? checkpoint : undefined;
    return [
      {
        code: "quant.checkpoint-mismatch",
        severity: "error",
        instanceId: instance.id,
        field: "quantization",
        message: `${who}: ${instance.model} is a ${kind} checkpoint, but ${flag} asks for ${requested}; the engine refuses a method the checkpoint does not hold.`,
        fix: engineValue
          ? `Use ${flag} ${engineValue}, or leave ${flag} out: the engine reads the method from the checkpoint.`
          : `Leave ${flag} out: the engine reads the method from the checkpoint.`,
        ...withFixes([
          ...(engineValue ? [{ label: `Use ${flag} ${engineValue}`, patch: { quantization: engineValue } }] : []),
          { label: `Leave ${flag} out (auto-detect)`, patch: { quantization: undefined } },
        ]),
      },
    ];
  }
  return [];
}
