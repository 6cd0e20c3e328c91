import type { GpuBudget, InstanceBudget, LayoutBudget } from "../../budget/types";
import type { Finding, FindingFix } from "../../vocabulary/finding";
import type { Instance, Layout } from "../../vocabulary/layout-schema";
import { claimedFraction, sharedGroups, type SharedGroup } from "./gpu-sharing";
import {
  floorHundredth,
  formatGiB,
  fractionFieldOf,
  fractionFlagOf,
  fractionPatch,
  gpusOf,
  memoryFractionOf,
  nameOf,
  percent,
  withFixes,
} from "./describe";

/** The operators' ceiling by default (the seed's): planned VRAM above 90 % leaves no room for fragmentation and spikes. */
export const VRAM_WARNING_FRACTION = 0.9;

interface CardGroup {
  hostId: string;
  gpuIndices: number[];
  /** Instance ids on these cards, with the bytes each plans there (the fullest card's). */
  users: { id: string; bytes: number }[];
  memoryBytes: number;
  plannedBytes: number;
}

/** GPUs of one host with the same instances on them, judged together: one finding per group, not per card. */
function cardGroups(gpus: readonly GpuBudget[]): CardGroup[] {
  const groups = new Map<string, CardGroup>();
  for (const gpu of gpus) {
    if (gpu.memoryBytes <= 0 || gpu.plannedBytes <= 0) continue;
    const users = usersOf(gpu);
    const key = `${gpu.hostId}\u0000${users.map((u) => u.id).join("\u0000")}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        hostId: gpu.hostId,
        gpuIndices: [gpu.gpuIndex],
        users,
        memoryBytes: gpu.memoryBytes,
        plannedBytes: gpu.plannedBytes,
      });
      continue;
    }
    group.gpuIndices.push(gpu.gpuIndex);
    // The fullest card speaks for the group.
    if (gpu.plannedBytes / gpu.memoryBytes > group.plannedBytes / group.memoryBytes)
      Object.assign(group, { users, memoryBytes: gpu.memoryBytes, plannedBytes: gpu.plannedBytes });
  }
  for (const group of groups.values()) group.gpuIndices.sort((a, b) => a - b);
  return [...groups.values()];
}

function usersOf(gpu: GpuBudget): { id: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const segment of gpu.segments)
    bytes.set(segment.instanceId, (bytes.get(segment.instanceId) ?? 0) + segment.bytes);
  return [...bytes].map(([id, b]) => ({ id, bytes: b }));
}

/**
 * Planned GPU memory against each card's size. Cards several instances share and overfill: an error
 * (gpu.memory-overcommit), unless their claims already add up past 1 (gpu.shared-fraction-overcommit says that).
 * One instance over its own card is the budget's (budget.over-card, or a budget fit error). Over 90 %: a warning.
 */
export function checkGpuMemory(layout: Layout, budget: LayoutBudget, ceiling = VRAM_WARNING_FRACTION): Finding[] {
  const instances = new Map(layout.instances.map((i) => [i.id, i]));
  return judgeGpuMemory(budget.gpus, sharedGroups(layout), (id) => instances.get(id), ceiling);
}

/** checkGpuMemory over some cards (one host's, say), given the shared groups on them and the instances by id. */
export function judgeGpuMemory(
  gpus: readonly GpuBudget[],
  shared: readonly SharedGroup[],
  instanceOf: (id: string) => Instance | undefined,
  ceiling = VRAM_WARNING_FRACTION,
): Finding[] {
  const claimedPastOne = new Set(
    shared
      .filter((g) => claimedFraction(g) > 1 + 1e-9)
      .flatMap((g) => g.gpuIndices.map((index) => `${g.hostId}\u0000${index}`)),
  );
  const findings: Finding[] = [];
  for (const group of cardGroups(gpus)) {
    const fraction = group.plannedBytes / group.memoryBytes;
    const where = gpusOf(group.gpuIndices, group.hostId);
    const names = group.users.map((u) => `"${u.id}"`).join(", ");
    const single = group.users.length === 1 ? { instanceId: group.users[0]!.id } : {};
    if (group.plannedBytes > group.memoryBytes) {
      if (group.users.length < 2) continue;
      if (group.gpuIndices.some((index) => claimedPastOne.has(`${group.hostId}\u0000${index}`))) continue;
      findings.push(overcommitted(group, instanceOf));
    } else if (fraction > ceiling + 1e-9) {
      const biggest = group.users.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      const instance = instanceOf(biggest.id);
      const fixes = instance ? ceilingFixes(instance, group.plannedBytes, group.memoryBytes, ceiling) : [];
      findings.push({
        code: "gpu.memory-above-threshold",
        severity: "warning",
        hostId: group.hostId,
        gpuIndex: group.gpuIndices[0],
        ...single,
        ...(instance ? { field: fractionFieldOf(instance) } : {}),
        message: `${where} ${group.gpuIndices.length > 1 ? "are" : "is"} planned at ${percent(fraction)} of its memory (${formatGiB(group.plannedBytes)} of ${formatGiB(group.memoryBytes)}) by ${names}, above the ${percent(ceiling)} ceiling.`,
        fix:
          fixes.length > 0
            ? `Bring it under ${percent(ceiling)}: ${fixes.map((f) => f.label.charAt(0).toLowerCase() + f.label.slice(1)).join(", or ")}${group.users.length > 1 ? ", or spread the instances" : ""}.`
            : `Bring it under ${percent(ceiling)}: lower gpu_memory_utilization (vLLM) or cuda_memory_fraction (TGI), or spread the instances.`,
        ...withFixes(fixes),
      });
    }
  }
  return findings;
}

/** Shared cards planned past their memory: names each instance's share and lowers the largest by the excess. */
function overcommitted(group: CardGroup, instanceOf: (id: string) => Instance | undefined): Finding {
  const list = group.users.map((u) => `"${u.id}" ${formatGiB(u.bytes)}`).join(", ");
  const biggest = group.users.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const instance = instanceOf(biggest.id);
  const anyVllm = group.users.some((u) => instanceOf(u.id)?.engine === "vllm");
  const quote = anyVllm
    ? ` A vLLM instance that starts last stops with "Free memory on device ... on startup is less than desired GPU memory utilization".`
    : "";
  const own = instance ? memoryFractionOf(instance) : 0;
  const lowered = floorHundredth(own - (group.plannedBytes - group.memoryBytes) / group.memoryBytes);
  const where = gpusOf(group.gpuIndices, group.hostId);
  return {
    code: "gpu.memory-overcommit",
    severity: "error",
    hostId: group.hostId,
    gpuIndex: group.gpuIndices[0],
    instanceId: biggest.id,
    ...(instance ? { field: fractionFieldOf(instance) } : {}),
    message: `${where} (${formatGiB(group.memoryBytes)}) ${group.gpuIndices.length > 1 ? "are" : "is"} planned for ${formatGiB(group.plannedBytes)} (${percent(group.plannedBytes / group.memoryBytes)}): ${list}. Each instance's share counts against the whole card, and what the engines do not count (CUDA graphs, CUDA context) comes on top.${quote}`,
    fix:
      instance && lowered > 0
        ? `Lower "${biggest.id}" ${fractionFlagOf(instance)} to ${lowered}, or move one instance to another GPU.`
        : "Lower gpu_memory_utilization / cuda_memory_fraction, or move one instance to another GPU.",
    ...(instance && lowered > 0 ? { patch: fractionPatch(instance, lowered) } : {}),
  };
}

/**
 * One instance's projected use of its own GPUs against the ceiling (default 90 %; a single command, no layout).
 * Past the card is the budget's (budget.over-card), so this only warns between the ceiling and 100 %.
 */
export function checkInstanceVram(
  instance: Instance,
  planned: InstanceBudget,
  ceiling = VRAM_WARNING_FRACTION,
): Finding[] {
  if (planned.gpuMemoryBytes <= 0) return [];
  const fraction = planned.projectedUsedBytesPerGpu / planned.gpuMemoryBytes;
  if (fraction <= ceiling + 1e-9 || fraction > 1) return [];
  const fixes = ceilingFixes(instance, planned.projectedUsedBytesPerGpu, planned.gpuMemoryBytes, ceiling);
  return [
    {
      code: "gpu.memory-above-threshold",
      severity: "warning",
      instanceId: instance.id,
      field: fractionFieldOf(instance),
      message: `${nameOf(instance)} is projected to use ${formatGiB(planned.projectedUsedBytesPerGpu)} of each ${formatGiB(planned.gpuMemoryBytes)} GPU (${percent(fraction)}), above the ${percent(ceiling)} ceiling.`,
      fix:
        instance.engine === "vllm"
          ? "Lower --gpu-memory-utilization (CUDA graphs come on top of it; --enforce-eager removes them)."
          : "Lower --cuda-memory-fraction.",
      ...withFixes(fixes),
    },
  ];
}

/**
 * The one-click way under the ceiling for the instance that plans the most on a card: its memory share lowered by the
 * excess (what it claims shrinks by share × card). CUDA graphs off is no sure fix: releases that subtract them give
 * the freed memory to the KV cache.
 */
export function ceilingFixes(
  instance: Instance,
  plannedBytes: number,
  memoryBytes: number,
  ceiling: number,
): FindingFix[] {
  const excess = plannedBytes - ceiling * memoryBytes;
  if (excess <= 0) return [];
  const fixes: FindingFix[] = [];
  const lowered = floorHundredth(memoryFractionOf(instance) - excess / memoryBytes);
  if (lowered >= 0.05)
    fixes.push({
      label: `Lower "${instance.id}" ${fractionFlagOf(instance)} to ${lowered}`,
      patch: fractionPatch(instance, lowered),
      instanceId: instance.id,
    });
  return fixes;
}
