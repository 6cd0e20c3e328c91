import type { LayoutBudget } from "../../budget/types";
import type { Finding } from "../findings";
import type { Layout } from "../schema";
import { formatGiB, nameOf } from "./describe";

/** Container limits (or, without limits, what the budget says each instance needs) against the host. */
export function checkHostResources(layout: Layout, budget?: LayoutBudget): Finding[] {
  const findings: Finding[] = [];
  for (const host of layout.hosts) {
    const placed = layout.instances.filter((instance) => instance.placement?.hostId === host.id);
    if (placed.length === 0) continue;
    let ramBytes = 0;
    let cpus = 0;
    for (const instance of placed) {
      const needs = budget?.instances[instance.id]?.host;
      ramBytes += instance.limits.memoryBytes ?? needs?.ramBytes ?? 0;
      cpus += instance.limits.cpus ?? needs?.cpus ?? 0;
      if (needs && instance.limits.memoryBytes !== undefined && instance.limits.memoryBytes < needs.ramBytes) {
        findings.push({
          code: "host.memory-limit-too-low",
          severity: "warning",
          instanceId: instance.id,
          hostId: host.id,
          field: "limits.memoryBytes",
          message: `${nameOf(instance)}: --memory ${formatGiB(instance.limits.memoryBytes)} is below the ${formatGiB(needs.ramBytes)} of host RAM it needs while loading; the kernel will OOM-kill the container.`,
          fix: `Raise --memory to ${formatGiB(needs.ramBytes)} or more.`,
          patch: { limits: { ...instance.limits, memoryBytes: needs.ramBytes } },
        });
      }
    }
    const names = placed.map((instance) => `"${instance.id}"`).join(", ");
    if (ramBytes > host.ramBytes) {
      findings.push({
        code: "host.ram-overcommit",
        severity: "error",
        hostId: host.id,
        message: `Host "${host.id}" has ${formatGiB(host.ramBytes)} of RAM, and its instances (${names}) are given ${formatGiB(ramBytes)}.`,
        fix: "Lower the --memory limits, or move an instance to another host.",
      });
    }
    if (cpus > host.cpuCores) {
      findings.push({
        code: "host.cpu-overcommit",
        severity: "warning",
        hostId: host.id,
        message: `Host "${host.id}" has ${host.cpuCores} CPU cores, and its instances (${names}) are given ${cpus}; tokenizers and schedulers will contend.`,
        fix: `Lower the --cpus limits so they add up to ${host.cpuCores} or less.`,
      });
    }
  }
  return findings;
}
