import type { LayoutBudget } from "../../budget/types";
import type { Finding } from "../findings";
import type { Instance, Layout } from "../schema";
import { contextFieldOf, contextLengthPatch, formatGiB, nameOf, percent } from "./describe";

/** The operators' ceiling: planned VRAM above 90 % leaves no room for fragmentation and spikes. */
export const VRAM_WARNING_FRACTION = 0.9;

/** Planned GPU memory against each card's size: over 100 % is an error, over 90 % a warning. */
export function checkGpuMemory(layout: Layout, budget: LayoutBudget): Finding[] {
  const findings: Finding[] = [];
  for (const gpu of budget.gpus) {
    if (gpu.memoryBytes <= 0) continue;
    const fraction = gpu.plannedBytes / gpu.memoryBytes;
    const users = [...new Set(gpu.segments.map((segment) => segment.instanceId))];
    const names = users.map((id) => `"${id}"`).join(", ") || "no instance";
    const where = `GPU ${gpu.gpuIndex} of "${gpu.hostId}"`;
    if (gpu.plannedBytes > gpu.memoryBytes) {
      findings.push({
        code: "gpu.memory-overcommit",
        severity: "error",
        hostId: gpu.hostId,
        gpuIndex: gpu.gpuIndex,
        ...(users.length === 1 ? { instanceId: users[0] } : {}),
        message: `${where} is planned at ${formatGiB(gpu.plannedBytes)} of ${formatGiB(gpu.memoryBytes)} (${percent(fraction)}) by ${names}; it will run out of memory.`,
        fix: "Lower gpu_memory_utilization / cuda_memory_fraction or max_model_len, quantize, or move an instance to another GPU.",
      });
    } else if (fraction > VRAM_WARNING_FRACTION) {
      findings.push({
        code: "gpu.memory-above-threshold",
        severity: "warning",
        hostId: gpu.hostId,
        gpuIndex: gpu.gpuIndex,
        ...(users.length === 1 ? { instanceId: users[0] } : {}),
        message: `${where} is planned at ${percent(fraction)} of its memory (${formatGiB(gpu.plannedBytes)} of ${formatGiB(gpu.memoryBytes)}) by ${names}, above the ${percent(VRAM_WARNING_FRACTION)} ceiling.`,
        fix: `Bring it under ${percent(VRAM_WARNING_FRACTION)}: lower gpu_memory_utilization (vLLM) or cuda_memory_fraction (TGI), or spread the instances.`,
      });
    }
  }
  for (const instance of layout.instances) {
    const planned = budget.instances[instance.id];
    if (planned) findings.push(...checkInstanceFits(instance, planned));
  }
  return findings;
}

/** An instance whose weights, activations and one full-length request do not fit its budget. */
export function checkInstanceFits(instance: Instance, planned: LayoutBudget["instances"][string]): Finding[] {
  if (planned.fits) return [];
  const field = contextFieldOf(instance);
  const who = nameOf(instance);
  if (planned.maxModelLenThatFits > 0) {
    return [
      {
        code: "instance.does-not-fit",
        severity: "error",
        instanceId: instance.id,
        field: instance.engine === "tgi" ? "tgi.maxTotalTokens" : "maxModelLen",
        message: `${who}: one request of ${planned.maxModelLen} tokens needs more KV cache than its budget leaves (${planned.kvCacheTokens} tokens fit in ${formatGiB(planned.kvCacheBytesPerGpu)} per GPU); the engine stops at start.`,
        fix: `Set ${field} ${planned.maxModelLenThatFits}, or give it more memory (higher gpu_memory_utilization, more GPUs, fp8 KV cache, quantized weights).`,
        patch: contextLengthPatch(instance, planned.maxModelLenThatFits),
      },
    ];
  }
  return [
    {
      code: "instance.weights-do-not-fit",
      severity: "error",
      instanceId: instance.id,
      message: `${who}: weights (${formatGiB(planned.weightsBytesPerGpu)} per GPU) and start-up overhead leave no room for a KV cache in ${formatGiB(planned.budgetBytesPerGpu)} per GPU.`,
      fix: "Shard over more GPUs (higher tensor parallel size), use a quantized checkpoint, or a larger GPU.",
    },
  ];
}

/** One instance's projected use of its own GPUs against the 90 % ceiling (for a single command, no layout). */
export function checkInstanceVram(instance: Instance, planned: LayoutBudget["instances"][string]): Finding[] {
  if (planned.gpuMemoryBytes <= 0) return [];
  const fraction = planned.projectedUsedBytesPerGpu / planned.gpuMemoryBytes;
  if (fraction <= VRAM_WARNING_FRACTION) return [];
  const over = fraction > 1;
  return [
    {
      code: over ? "gpu.memory-overcommit" : "gpu.memory-above-threshold",
      severity: over ? "error" : "warning",
      instanceId: instance.id,
      message: `${nameOf(instance)} is projected to use ${formatGiB(planned.projectedUsedBytesPerGpu)} of each ${formatGiB(planned.gpuMemoryBytes)} GPU (${percent(fraction)}), above the ${percent(VRAM_WARNING_FRACTION)} ceiling.`,
      fix:
        instance.engine === "vllm"
          ? "Lower --gpu-memory-utilization (CUDA graphs come on top of it; --enforce-eager removes them)."
          : "Lower --cuda-memory-fraction.",
    },
  ];
}
