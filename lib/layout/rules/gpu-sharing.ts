import type { Finding } from "../findings";
import type { Instance, Layout } from "../schema";
import { memoryFractionOf, percent } from "./describe";

const fractionFlag = (instance: Instance): string =>
  instance.engine === "tgi" ? "--cuda-memory-fraction" : "--gpu-memory-utilization";

/** The patch that sets an instance's memory share. */
function fractionPatch(instance: Instance, fraction: number): Partial<Instance> {
  if (instance.engine === "vllm") return { gpuMemoryUtilization: fraction };
  return { tgi: { ...instance.tgi, cudaMemoryFraction: fraction } };
}

/**
 * Instances sharing a GPU each claim a fraction of its TOTAL memory (vLLM gpu_memory_utilization,
 * TGI cuda_memory_fraction, 1.0 by default); together they must stay at or below 1.
 */
export function checkGpuSharing(layout: Layout): Finding[] {
  const byGpu = new Map<string, Instance[]>();
  for (const instance of layout.instances) {
    if (!instance.placement) continue;
    for (const index of new Set(instance.placement.gpuIndices)) {
      const key = `${instance.placement.hostId}\u0000${index}`;
      byGpu.set(key, [...(byGpu.get(key) ?? []), instance]);
    }
  }
  const worst = new Map<string, { sum: number; hostId: string; gpuIndex: number; sharers: Instance[] }>();
  for (const [key, sharers] of byGpu) {
    if (sharers.length < 2) continue;
    const sum = sharers.reduce((total, instance) => total + memoryFractionOf(instance), 0);
    if (sum <= 1 + 1e-9) continue;
    const [hostId = "", index = "0"] = key.split("\u0000");
    for (const instance of sharers) {
      const previous = worst.get(instance.id);
      if (!previous || sum > previous.sum) worst.set(instance.id, { sum, hostId, gpuIndex: Number(index), sharers });
    }
  }
  const findings: Finding[] = [];
  for (const instance of layout.instances) {
    const problem = worst.get(instance.id);
    if (!problem) continue;
    const own = memoryFractionOf(instance);
    const share = Math.floor((own / problem.sum) * 100) / 100;
    const list = problem.sharers.map((s) => `"${s.id}" ${fractionFlag(s)} ${memoryFractionOf(s)}`).join(" + ");
    const tgiDefault = instance.engine === "tgi" && instance.tgi?.cudaMemoryFraction === undefined ? " (TGI's default 1.0 claims the whole card)" : "";
    findings.push({
      code: "gpu.shared-fraction-overcommit",
      severity: "error",
      instanceId: instance.id,
      hostId: problem.hostId,
      gpuIndex: problem.gpuIndex,
      field: instance.engine === "tgi" ? "tgi.cudaMemoryFraction" : "gpuMemoryUtilization",
      message: `GPU ${problem.gpuIndex} of "${problem.hostId}" is shared and its instances claim ${percent(problem.sum)} of its memory: ${list}${tgiDefault}. The later one fails to start (not enough free memory).`,
      fix: `Split the card: set "${instance.id}" ${fractionFlag(instance)} ${share} (its share of 1.0), and the others likewise, so the sum stays ≤ 1.`,
      patch: fractionPatch(instance, share),
    });
  }
  return findings;
}
