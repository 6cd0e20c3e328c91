import type { Finding } from "../../vocabulary/finding";
import { instancesByHost } from "../instances-by-host";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import {
  floorHundredth,
  fractionFieldOf,
  fractionFlagOf,
  fractionPatch,
  gpusOf,
  memoryFractionOf,
  percent,
} from "./describe";

/** The GPUs of one host that the same instances share: one sharing problem, however many cards it spans. */
export interface SharedGroup {
  hostId: string;
  gpuIndices: number[];
  sharers: Instance[];
}

/** Placed instances grouped by the set of instances on each GPU (only GPUs with two or more), in the order the instances reach them. */
export function sharedGroups(layout: Layout): SharedGroup[] {
  const groups: SharedGroup[] = [];
  for (const [hostId, placed] of instancesByHost(layout.instances)) groups.push(...sharedGroupsOn(hostId, placed));
  return inLayoutOrder(layout, groups, (g) => g.sharers[0]!);
}

/** The shared groups of one host; `placed`: the instances placed on it, in layout order. */
export function sharedGroupsOn(hostId: string, placed: readonly Instance[]): SharedGroup[] {
  const byGpu = new Map<number, Instance[]>();
  for (const instance of placed) {
    for (const index of new Set(instance.placement!.gpuIndices)) {
      const sharers = byGpu.get(index);
      if (sharers) sharers.push(instance);
      else byGpu.set(index, [instance]);
    }
  }
  const groups = new Map<string, SharedGroup>();
  for (const [index, sharers] of byGpu) {
    if (sharers.length < 2) continue;
    const key = sharers.map((s) => s.id).join("\u0000");
    const group = groups.get(key) ?? { hostId, gpuIndices: [], sharers };
    group.gpuIndices.push(index);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.gpuIndices.sort((a, b) => a - b);
  return [...groups.values()];
}

/** Items of several hosts, each host's in its own order, in the order their instances come in the layout (one instance's in the order given). */
export function inLayoutOrder<T>(layout: Layout, items: T[], instanceOf: (item: T) => Instance): T[] {
  if (items.length < 2) return items;
  const byInstance = new Map<Instance, T[]>();
  for (const item of items) {
    const list = byInstance.get(instanceOf(item));
    if (list) list.push(item);
    else byInstance.set(instanceOf(item), [item]);
  }
  if (byInstance.size < 2) return items;
  const ordered: T[] = [];
  for (const instance of layout.instances) {
    const list = byInstance.get(instance);
    if (!list) continue;
    ordered.push(...list);
    byInstance.delete(instance);
  }
  return ordered;
}

/** The sum of the sharers' claims on each of the group's GPUs. */
export const claimedFraction = (group: SharedGroup): number =>
  group.sharers.reduce((total, s) => total + memoryFractionOf(s), 0);

/**
 * Instances sharing a GPU each claim a fraction of its TOTAL memory (vLLM gpu_memory_utilization,
 * TGI cuda_memory_fraction, 1.0 by default); together they must stay at or below 1. One finding per shared
 * group of GPUs, on the instance with the largest claim, whose patch alone brings the sum to 1 when it can.
 */
export function checkGpuSharing(layout: Layout): Finding[] {
  const findings: Finding[] = [];
  for (const group of sharedGroups(layout)) {
    const finding = sharingFinding(group);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The finding of one shared group whose claims add up past 1. */
export function sharingFinding(group: SharedGroup): Finding | undefined {
  const sum = claimedFraction(group);
  if (sum <= 1 + 1e-9) return undefined;
  const target = group.sharers.reduce((a, b) => (memoryFractionOf(b) > memoryFractionOf(a) ? b : a));
  const own = memoryFractionOf(target);
  const lowered = floorHundredth(own - (sum - 1));
  const split = group.sharers.map((s) => `"${s.id}" ${floorHundredth(memoryFractionOf(s) / sum)}`).join(", ");
  const value = lowered >= 0.05 ? lowered : floorHundredth(own / sum);
  const list = group.sharers.map((s) => `"${s.id}" ${fractionFlagOf(s)} ${memoryFractionOf(s)}`).join(" + ");
  const tgiDefault = group.sharers.some((s) => s.engine === "tgi" && s.tgi?.cudaMemoryFraction === undefined)
    ? " (TGI's default 1.0 claims the whole card)"
    : "";
  return {
    code: "gpu.shared-fraction-overcommit",
    severity: "error",
    instanceId: target.id,
    hostId: group.hostId,
    gpuIndex: group.gpuIndices[0],
    field: fractionFieldOf(target),
    message: `${gpusOf(group.gpuIndices, group.hostId)} ${group.gpuIndices.length > 1 ? "are" : "is"} shared and its instances claim ${percent(sum)} of the memory: ${list}${tgiDefault}. The one that starts last fails (not enough free memory).`,
    fix: `Set "${target.id}" ${fractionFlagOf(target)} ${value}${lowered >= 0.05 ? " so the claims add up to 1" : ""}, or split the card by share (${split}), or move one instance to other GPUs.`,
    patch: fractionPatch(target, value),
  };
}
