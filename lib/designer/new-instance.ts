import type { Finding } from "../vocabulary/finding";
import { type Engine, type Instance, instanceSchema } from "../vocabulary/layout-schema";
import { parseCommandText } from "../engines/parse";
import { idFromModel } from "../engines/parse";
import { catalogLookup } from "../catalog/catalog-lookup";
import type { BudgetGpu } from "../budget/instance";
import type { Selection } from "./editor/types";
import { placePasted } from "./pasted-placement";
import { shareUnderCeiling, withShare } from "./share-under-ceiling";

const placementOf = (selection: Selection | null, tp: number) =>
  selection && selection.gpuIndices.length === tp
    ? { hostId: selection.hostId, gpuIndices: selection.gpuIndices }
    : null;

export interface NewInstanceOptions {
  engine?: Engine;
  modelConfig?: Record<string, unknown>;
  /** With `gpu` (the selected card): the memory share starts at the largest that keeps the card under this ceiling. */
  vramCeiling?: number;
  gpu?: BudgetGpu;
}

/** A new instance of a catalog model (or a pasted config.json) on the selected GPUs: TP = number of GPUs picked. */
export function newInstance(model: string, selection: Selection | null, options: NewInstanceOptions = {}): Instance {
  const tp = Math.max(1, selection?.gpuIndices.length ?? 1);
  const instance = instanceSchema.parse({
    id: idFromModel(model),
    engine: options.engine ?? "vllm",
    model,
    ...(options.modelConfig ? { modelConfig: options.modelConfig } : {}),
    tp,
    placement: placementOf(selection, tp),
  });
  if (options.vramCeiling === undefined || options.gpu === undefined) return instance;
  return withShare(instance, shareUnderCeiling(instance, options.gpu, options.vramCeiling));
}

export type FromCommand =
  | { ok: true; instance: Instance; findings: Finding[]; notes: string[] }
  | { ok: false; findings: Finding[]; notes: string[] };

/**
 * A pasted `docker run` / `vllm serve` / `text-generation-launcher` / `LLM(...)`: the instance, and what is wrong with
 * the command. On selected GPUs (placePasted: the selection's TP unless the command gives its own), and with the
 * options' ceiling a memory share under it when the command sets none.
 */
export function instanceFromCommand(
  text: string,
  selection: Selection | null,
  options: Pick<NewInstanceOptions, "vramCeiling" | "gpu"> = {},
): FromCommand {
  const parsed = parseCommandText(text, { lookup: catalogLookup });
  if (!parsed.complete) return { ok: false, findings: parsed.findings, notes: parsed.notes };
  const placed = placePasted(instanceSchema.parse(parsed.instance), parsed.setFields.includes("tp"), selection);
  let instance = placed.instance;
  const shareGiven = parsed.setFields.includes(
    instance.engine === "vllm" ? "gpuMemoryUtilization" : "tgi.cudaMemoryFraction",
  );
  if (!shareGiven && options.vramCeiling !== undefined && options.gpu !== undefined)
    instance = withShare(instance, shareUnderCeiling(instance, options.gpu, options.vramCeiling));
  return { ok: true, instance, findings: [...parsed.findings, ...placed.findings], notes: parsed.notes };
}
