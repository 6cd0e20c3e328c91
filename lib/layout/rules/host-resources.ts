import type { InstanceBudget, LayoutBudget } from "../../budget/types";
import type { Finding } from "../../vocabulary/finding";
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
import { formatGiB } from "./describe";
import { instancesByHost } from "../instances-by-host";

/**
 * Host RAM and CPU cores that the instances placed on a host take together: each instance's container limit,
 * or without one what the budget says it needs (checkpoint paged in while loading, worker processes, swap).
 * One instance's limit below its own needs is the budget's (budget.container-memory-too-small, budget.container-cpus-too-few).
 */
export function checkHostResources(layout: Layout, budget?: LayoutBudget): Finding[] {
  const findings: Finding[] = [];
  const byHost = instancesByHost(layout.instances);
  const budgetOf = (instance: Instance) => budget?.instances[instance.id];
  for (const host of layout.hosts) {
    const placed = byHost.get(host.id);
    if (placed) findings.push(...checkHostResourcesOn(host, placed, budgetOf));
  }
  return findings;
}

/** checkHostResources for one host; `placed`: the instances on it, in layout order. */
export function checkHostResourcesOn(
  host: Host,
  placed: readonly Instance[],
  budgetOf: (instance: Instance) => InstanceBudget | undefined,
): Finding[] {
  if (placed.length === 0) return [];
  const findings: Finding[] = [];
  let ramBytes = 0;
  let cpus = 0;
  const ramParts: string[] = [];
  const cpuParts: string[] = [];
  for (const instance of placed) {
    const needs = budgetOf(instance)?.host;
    const ram = instance.limits.memoryBytes ?? needs?.ramBytes;
    const cpu = instance.limits.cpus ?? needs?.cpus;
    if (ram !== undefined) {
      ramBytes += ram;
      ramParts.push(
        `"${instance.id}" ${formatGiB(ram)}${instance.limits.memoryBytes === undefined ? " (estimated need)" : " (--memory)"}`,
      );
    }
    if (cpu !== undefined) {
      cpus += cpu;
      cpuParts.push(`"${instance.id}" ${cpu}${instance.limits.cpus === undefined ? " (estimated need)" : " (--cpus)"}`);
    }
  }
  if (ramBytes > host.ramBytes) {
    findings.push({
      code: "host.ram-overcommit",
      severity: "error",
      hostId: host.id,
      message: `Host "${host.id}" has ${formatGiB(host.ramBytes)} of RAM, and its instances take ${formatGiB(ramBytes)}: ${ramParts.join(", ")}. Loading their checkpoints at once can swap or OOM.`,
      fix: "Move an instance to another host, lower the --memory limits, start the instances one after another, or add RAM.",
    });
  }
  if (cpus > host.cpuCores) {
    findings.push({
      code: "host.cpu-overcommit",
      severity: "warning",
      hostId: host.id,
      message: `Host "${host.id}" has ${host.cpuCores} CPU cores, and its instances take ${cpus}: ${cpuParts.join(", ")}; servers, engine cores and GPU workers will contend, raising time to first token.`,
      fix: `Lower the --cpus limits so they add up to ${host.cpuCores} or less, or move an instance to a host with free cores.`,
    });
  }
  return findings;
}
