import type { GpuBudget, InstanceBudget, LayoutBudget } from "../../budget/types";
import type { Finding } from "../../vocabulary/finding";
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
} from "./describe";

/** The operators' ceiling: planned VRAM above 90 % leaves no room for fragmentation and spikes. */
export const VRAM_WARNING_FRACTION = 0.9;

interface CardGroup {
  hostId: string;
  gpuIndices: number[];
  /** Instance ids on these cards, with the bytes each plans there (the largest over the group). */
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
export function checkGpuMemory(layout: Layout, budget: LayoutBudget): Finding[] {
  const instances = new Map(layout.instances.map((i) => [i.id, i]));
  return judgeGpuMemory(budget.gpus, sharedGroups(layout), (id) => instances.get(id));
}

/** checkGpuMemory over some cards (one host's, say), given the shared groups on them and the instances by id. */
export function judgeGpuMemory(
  gpus: readonly GpuBudget[],
  shared: readonly SharedGroup[],
  instanceOf: (id: string) => Instance | undefined,
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
    } else if (fraction > VRAM_WARNING_FRACTION) {
      findings.push({
        code: "gpu.memory-above-threshold",
        severity: "warning",
        hostId: group.hostId,
        gpuIndex: group.gpuIndices[0],
        ...single,
        message: `${where} ${group.gpuIndices.length > 1 ? "are" : "is"} planned at ${percent(fraction)} of its memory (${formatGiB(group.plannedBytes)} of ${formatGiB(group.memoryBytes)}) by ${names}, above the ${percent(VRAM_WARNING_FRACTION)} ceiling.`,
        fix: `Bring it under ${percent(VRAM_WARNING_FRACTION)}: lower gpu_memory_utilization (vLLM) or cuda_memory_fraction (TGI), or spread the instances.`,
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
 * One instance's projected use of its own GPUs against the 90 % ceiling (a single command, no layout).
 * Past the card is the budget's (budget.over-card), so this only warns between 90 % and 100 %.
 */
export function checkInstanceVram(instance: Instance, planned: InstanceBudget): Finding[] {
  if (planned.gpuMemoryBytes <= 0) return [];
  const fraction = planned.projectedUsedBytesPerGpu / planned.gpuMemoryBytes;
  if (fraction <= VRAM_WARNING_FRACTION || fraction > 1) return [];
  return [
    {
      code: "gpu.memory-above-threshold",
      severity: "warning",
      instanceId: instance.id,
      field: fractionFieldOf(instance),
      message: `${nameOf(instance)} is projected to use ${formatGiB(planned.projectedUsedBytesPerGpu)} of each ${formatGiB(planned.gpuMemoryBytes)} GPU (${percent(fraction)}), above the ${percent(VRAM_WARNING_FRACTION)} ceiling.`,
      fix:
        instance.engine === "vllm"
          ? "Lower --gpu-memory-utilization (CUDA graphs come on top of it; --enforce-eager removes them)."
          : "Lower --cuda-memory-fraction.",
    },
  ];
}
