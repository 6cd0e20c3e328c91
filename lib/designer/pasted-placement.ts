import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import type { Selection } from "./editor/types";

const shardFlag = (instance: Instance) => (instance.engine === "tgi" ? "--num-shard" : "--tensor-parallel-size");
const gpuList = (indices: readonly number[]) => `GPU${indices.length > 1 ? "s" : ""} ${indices.join(", ")}`;

/**
 * Where a pasted command's instance goes when GPUs are selected. A command that gives no TP size takes the
 * selection's (TGI's seed command names none, so 4 selected GPUs make --num-shard 4). One that gives another size is
 * placed on as many selected GPUs as it shards over, or left unplaced when more than were selected, and a warning says
 * so with the fixes: use the selection, or keep the command's size.
 */
export function placePasted(
  instance: Instance,
  tpGiven: boolean,
  selection: Selection | null,
): { instance: Instance; findings: Finding[] } {
  if (!selection) return { instance: { ...instance, placement: null }, findings: [] };
  const selected = selection.gpuIndices;
  const all = { hostId: selection.hostId, gpuIndices: selected };
  if (!tpGiven || instance.tp === selected.length)
    return { instance: { ...instance, tp: selected.length, placement: all }, findings: [] };
  const flag = shardFlag(instance);
  const useSelection = {
    label: `Use the ${selected.length} selected GPUs (${flag} ${selected.length})`,
    patch: { tp: selected.length, placement: all },
  };
  if (instance.tp < selected.length) {
    const used = selected.slice(0, instance.tp);
    const keep = { label: `Keep ${flag} ${instance.tp} on ${gpuList(used)}`, patch: {} };
    return {
      instance: { ...instance, placement: { hostId: selection.hostId, gpuIndices: used } },
      findings: [
        {
          code: "paste.selection-size",
          severity: "warning",
          field: "tp",
          message: `The command shards over ${instance.tp} GPU${instance.tp > 1 ? "s" : ""} (${flag} ${instance.tp}) but ${selected.length} were selected: it was placed on ${gpuList(used)} of "${selection.hostId}".`,
          fix: `${useSelection.label}, or keep ${flag} ${instance.tp}.`,
          patch: useSelection.patch,
          fixes: [useSelection, keep],
        },
      ],
    };
  }
  return {
    instance: { ...instance, placement: null },
    findings: [
      {
        code: "paste.selection-size",
        severity: "warning",
        field: "tp",
        message: `The command shards over ${instance.tp} GPUs (${flag} ${instance.tp}) but only ${selected.length} ${selected.length > 1 ? "were" : "was"} selected: it was added without GPUs.`,
        fix: `${useSelection.label}, or select ${instance.tp} GPUs and drag the instance onto them.`,
        patch: useSelection.patch,
        fixes: [useSelection],
      },
    ],
  };
}
