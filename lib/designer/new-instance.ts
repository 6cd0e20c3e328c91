import type { Finding } from "../vocabulary/finding";
import { type Engine, type Instance, instanceSchema } from "../vocabulary/layout-schema";
import { parseCommandText } from "../engines/parse";
import { idFromModel } from "../engines/parse";
import { catalogLookup } from "../catalog/catalog-lookup";
import type { Selection } from "./editor/types";

const placementOf = (selection: Selection | null, tp: number) =>
  selection && selection.gpuIndices.length === tp
    ? { hostId: selection.hostId, gpuIndices: selection.gpuIndices }
    : null;

/** A new instance of a catalog model (or a pasted config.json) on the selected GPUs: TP = number of GPUs picked. */
export function newInstance(
  model: string,
  selection: Selection | null,
  options: { engine?: Engine; modelConfig?: Record<string, unknown> } = {},
): Instance {
  const tp = Math.max(1, selection?.gpuIndices.length ?? 1);
  return instanceSchema.parse({
    id: idFromModel(model),
    engine: options.engine ?? "vllm",
    model,
    ...(options.modelConfig ? { modelConfig: options.modelConfig } : {}),
    tp,
    placement: placementOf(selection, tp),
  });
}

export type FromCommand =
  | { ok: true; instance: Instance; findings: Finding[]; notes: string[] }
  | { ok: false; findings: Finding[]; notes: string[] };

/** A pasted `docker run` / `vllm serve` / `text-generation-launcher` / `LLM(...)`: the instance, and what is wrong with the command. */
export function instanceFromCommand(text: string, selection: Selection | null): FromCommand {
  const parsed = parseCommandText(text, { lookup: catalogLookup });
  if (!parsed.complete) return { ok: false, findings: parsed.findings, notes: parsed.notes };
  const base = instanceSchema.parse(parsed.instance);
  const pinned = parsed.gpuIndices;
  let placement =
    placementOf(selection, base.tp) ??
    (selection ? { hostId: selection.hostId, gpuIndices: selection.gpuIndices.slice(0, base.tp) } : null);
  if (!selection && pinned && pinned.length > 0) placement = null;
  if (placement && placement.gpuIndices.length !== base.tp) placement = null;
  return { ok: true, instance: { ...base, placement }, findings: parsed.findings, notes: parsed.notes };
}
