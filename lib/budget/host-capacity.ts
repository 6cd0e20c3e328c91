import type { Finding } from "../layout/findings";
import type { Layout } from "../layout/schema";
import type { InstanceBudget } from "./types";
import { gib } from "./units";

/** Host RAM and CPU cores that the instances placed on a host need together. */
export function hostCapacityFindings(layout: Layout, budgets: Record<string, InstanceBudget>): Finding[] {
  const needs = new Map<string, { ramBytes: number; cpus: number; ids: string[] }>();
  for (const instance of layout.instances) {
    const budget = budgets[instance.id];
    const hostId = instance.placement?.hostId;
    if (!budget || !hostId) continue;
    const need = needs.get(hostId) ?? { ramBytes: 0, cpus: 0, ids: [] };
    need.ramBytes += budget.host.ramBytes;
    need.cpus += budget.host.cpus;
    need.ids.push(instance.id);
    needs.set(hostId, need);
  }
  const findings: Finding[] = [];
  for (const host of layout.hosts) {
    const need = needs.get(host.id);
    if (!need) continue;
    if (host.ramBytes > 0 && need.ramBytes > host.ramBytes) {
      findings.push({
        code: "budget.host-ram-short", severity: "warning", hostId: host.id,
        message: `host "${host.id}" has ${gib(host.ramBytes)} of RAM but its ${need.ids.length} instance(s) (${need.ids.join(", ")}) need about ${gib(need.ramBytes)} to load checkpoints and run; loading them at once can swap or OOM.`,
        fix: "start the instances one after another, move one to another host, or add RAM.",
      });
    }
    if (need.cpus > host.cpuCores) {
      findings.push({
        code: "budget.host-cpus-short", severity: "warning", hostId: host.id,
        message: `host "${host.id}" has ${host.cpuCores} CPU cores but its instances run ${need.cpus} busy processes (servers, engine cores, GPU workers).`,
        fix: "move an instance to a host with free cores; CPU contention raises time to first token.",
      });
    }
  }
  return findings;
}
