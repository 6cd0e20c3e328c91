import type { Finding } from "../findings";
import type { Instance, Layout } from "../schema";
import { floorHundredth, fractionFieldOf, fractionFlagOf, fractionPatch, gpusOf, memoryFractionOf, percent } from "./describe";

/** The GPUs of one host that the same instances share: one sharing problem, however many cards it spans. */
export interface SharedGroup {
  hostId: string;
  gpuIndices: number[];
  sharers: Instance[];
}

/** Placed instances grouped by the set of instances on each GPU (only GPUs with two or more). */
export function sharedGroups(layout: Layout): SharedGroup[] {
  const byGpu = new Map<string, { hostId: string; index: number; sharers: Instance[] }>();
  for (const instance of layout.instances) {
    if (!instance.placement) continue;
    for (const index of new Set(instance.placement.gpuIndices)) {
      const key = `${instance.placement.hostId}\u0000${index}`;
      const gpu = byGpu.get(key) ?? { hostId: instance.placement.hostId, index, sharers: [] };
      gpu.sharers.push(instance);
      byGpu.set(key, gpu);
    }
  }
  const groups = new Map<string, SharedGroup>();
  for (const gpu of byGpu.values()) {
    if (gpu.sharers.length < 2) continue;
    const key = `${gpu.hostId}\u0000${gpu.sharers.map((s) => s.id).join("\u0000")}`;
    const group = groups.get(key) ?? { hostId: gpu.hostId, gpuIndices: [], sharers: gpu.sharers };
    group.gpuIndices.push(gpu.index);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.gpuIndices.sort((a, b) => a - b);
  return [...groups.values()];
}

/** The sum of the sharers' claims on each of the group's GPUs. */
export const claimedFraction = (group: SharedGroup): number => group.sharers.reduce((total, s) => total + memoryFractionOf(s), 0);

/**
 * Instances sharing a GPU each claim a fraction of its TOTAL memory (vLLM gpu_memory_utilization,
 * TGI cuda_memory_fraction, 1.0 by default); together they must stay at or below 1. One finding per shared
 * group of GPUs, on the instance with the largest claim, whose patch alone brings the sum to 1 when it can.
 */
export function checkGpuSharing(layout: Layout): Finding[] {
  const findings: Finding[] = [];
  for (const group of sharedGroups(layout)) {
    const sum = claimedFraction(group);
    if (sum <= 1 + 1e-9) continue;
    const target = group.sharers.reduce((a, b) => (memoryFractionOf(b) > memoryFractionOf(a) ? b : a));
    const own = memoryFractionOf(target);
    const lowered = floorHundredth(own - (sum - 1));
    const split = group.sharers.map((s) => `"${s.id}" ${floorHundredth(memoryFractionOf(s) / sum)}`).join(", ");
    const value = lowered >= 0.05 ? lowered : floorHundredth(own / sum);
    const list = group.sharers.map((s) => `"${s.id}" ${fractionFlagOf(s)} ${memoryFractionOf(s)}`).join(" + ");
    const tgiDefault = group.sharers.some((s) => s.engine === "tgi" && s.tgi?.cudaMemoryFraction === undefined) ? " (TGI's default 1.0 claims the whole card)" : "";
    findings.push({
      code: "gpu.shared-fraction-overcommit",
      severity: "error",
      instanceId: target.id,
      hostId: group.hostId,
      gpuIndex: group.gpuIndices[0],
      field: fractionFieldOf(target),
      message: `${gpusOf(group.gpuIndices, group.hostId)} ${group.gpuIndices.length > 1 ? "are" : "is"} shared and its instances claim ${percent(sum)} of the memory: ${list}${tgiDefault}. The one that starts last fails (not enough free memory).`,
      fix: `Set "${target.id}" ${fractionFlagOf(target)} ${value}${lowered >= 0.05 ? " so the claims add up to 1" : ""}, or split the card by share (${split}), or move one instance to other GPUs.`,
      patch: fractionPatch(target, value),
    });
  }
  return findings;
}
