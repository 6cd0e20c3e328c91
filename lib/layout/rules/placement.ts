import type { Finding } from "../../vocabulary/finding";
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
import { hostPortOf, lowestFreePort } from "../ports";
import { nameOf } from "./describe";

/** Every placed instance sits on a known host, on GPUs that exist there, one GPU per shard. */
export function checkPlacement(layout: Layout): Finding[] {
  const findings: Finding[] = [];
  const hosts = new Map(layout.hosts.map((host) => [host.id, host]));
  for (const instance of layout.instances) {
    if (instance.placement)
      findings.push(...checkInstancePlacement(instance, hosts.get(instance.placement.hostId), layout.hosts));
  }
  return [...findings, ...checkDuplicateIdsAndPorts(layout)];
}

/** checkPlacement for one placed instance: `host` is the one its placement names (undefined: none), `hosts` all of them. */
export function checkInstancePlacement(instance: Instance, host: Host | undefined, hosts: readonly Host[]): Finding[] {
  const placement = instance.placement!;
  const who = nameOf(instance);
  if (!host) {
    return [
      {
        code: "placement.unknown-host",
        severity: "error",
        instanceId: instance.id,
        hostId: placement.hostId,
        field: "placement.hostId",
        message: `${who} is placed on host "${placement.hostId}", which the layout does not have.`,
        fix: `Place it on one of: ${hosts.map((h) => h.id).join(", ") || "(add a host first)"}.`,
      },
    ];
  }
  const findings: Finding[] = [];
  const existing = new Set(host.gpus.map((gpu) => gpu.index));
  const missing = placement.gpuIndices.filter((index) => !existing.has(index));
  if (missing.length > 0) {
    findings.push({
      code: "placement.unknown-gpu",
      severity: "error",
      instanceId: instance.id,
      hostId: host.id,
      gpuIndex: missing[0],
      field: "placement.gpuIndices",
      message: `${who} is placed on GPU ${missing.join(", ")} of "${host.id}", which has GPUs ${[...existing].join(", ") || "none"}.`,
      fix: `Pick GPUs that exist on "${host.id}".`,
    });
  }
  const duplicates = placement.gpuIndices.filter((index, i, all) => all.indexOf(index) !== i);
  if (duplicates.length > 0) {
    findings.push({
      code: "placement.duplicate-gpu",
      severity: "error",
      instanceId: instance.id,
      hostId: host.id,
      field: "placement.gpuIndices",
      message: `${who} lists GPU ${duplicates.join(", ")} twice.`,
      fix: "List each GPU once.",
      patch: { placement: { hostId: host.id, gpuIndices: [...new Set(placement.gpuIndices)] } },
    });
  }
  if (placement.gpuIndices.length !== instance.tp) {
    const shardFlag = instance.engine === "tgi" ? "--num-shard" : "--tensor-parallel-size";
    findings.push({
      code: "placement.gpu-count",
      severity: "error",
      instanceId: instance.id,
      hostId: host.id,
      field: "placement.gpuIndices",
      message: `${who} shards over ${instance.tp} GPUs (${shardFlag} ${instance.tp}) but is placed on ${placement.gpuIndices.length} (${placement.gpuIndices.join(", ")}).`,
      fix: `Place it on ${instance.tp} GPUs, or set ${shardFlag} ${placement.gpuIndices.length}.`,
      patch: { tp: placement.gpuIndices.length },
    });
  }
  return findings;
}

/** Two instances with one id, or on one host with one port, cannot both start. */
function checkDuplicateIdsAndPorts(layout: Layout): Finding[] {
  const findings: Finding[] = [];
  const ids = new Set<string>();
  const placedOn = new Map<string, Instance[]>();
  for (const instance of layout.instances) {
    if (ids.has(instance.id)) {
      findings.push({
        code: "layout.duplicate-id",
        severity: "error",
        instanceId: instance.id,
        message: `Two instances are named "${instance.id}".`,
        fix: "Give each instance its own id; it becomes the container name.",
      });
    }
    ids.add(instance.id);
    if (!instance.placement) continue;
    const list = placedOn.get(instance.placement.hostId);
    if (list) list.push(instance);
    else placedOn.set(instance.placement.hostId, [instance]);
  }
  const clashes = [...placedOn.values()].flatMap((placed) => checkPortsOn(placed));
  const order = new Map(layout.instances.map((instance, k) => [instance, k]));
  const byId = new Map(layout.instances.map((instance) => [instance.id, instance]));
  clashes.sort((a, b) => (order.get(byId.get(a.instanceId!)!) ?? 0) - (order.get(byId.get(b.instanceId!)!) ?? 0));
  return [...findings, ...clashes];
}

/**
 * Port clashes among the instances placed on one host (`placed`, in layout order): two that publish one host port,
 * set or by default (`docker run -p 8000:8000` for vLLM, 80 for TGI). The later one gets the finding; its fix is the
 * lowest port no instance on the host publishes.
 */
export function checkPortsOn(placed: readonly Instance[]): Finding[] {
  if (placed.length < 2) return [];
  const findings: Finding[] = [];
  const owners = new Map<number, Instance>();
  const taken = new Set<number>();
  for (const instance of placed) taken.add(hostPortOf(instance));
  for (const instance of placed) {
    const port = hostPortOf(instance);
    const other = owners.get(port);
    if (!other) {
      owners.set(port, instance);
      continue;
    }
    const free = lowestFreePort(taken);
    if (free !== undefined) taken.add(free);
    findings.push(portClash(instance, other, port, free));
  }
  return findings;
}

function portClash(instance: Instance, other: Instance, port: number, free: number | undefined): Finding {
  const hostId = instance.placement!.hostId;
  const unset = [instance, other].filter((i) => i.port === undefined).map((i) => `"${i.id}"`);
  const why =
    unset.length > 0
      ? ` (${unset.join(" and ")} ${unset.length > 1 ? "set" : "sets"} no port: docker run publishes -p ${port}:${port})`
      : "";
  return {
    code: "layout.port-clash",
    severity: "error",
    instanceId: instance.id,
    hostId,
    field: "port",
    message: `"${instance.id}" and "${other.id}" both publish port ${port} on "${hostId}"${why}; the second container does not start ("port is already allocated").`,
    fix:
      free !== undefined
        ? `Use port ${free} for "${instance.id}": no instance on "${hostId}" publishes it.`
        : `Move "${instance.id}" to another host: every port on "${hostId}" is taken.`,
    ...(free !== undefined ? { patch: { port: free } } : {}),
  };
}
