import type { Finding } from "../../vocabulary/finding";
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
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
  const ports = new Map<string, string>();
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
    if (instance.placement && instance.port !== undefined) {
      const key = `${instance.placement.hostId}:${instance.port}`;
      const other = ports.get(key);
      if (other) findings.push(portClash(instance, other));
      else ports.set(key, instance.id);
    }
  }
  return findings;
}

/** Port clashes among the instances placed on one host (`placed`, in layout order, ids unique). */
export function checkPortsOn(placed: readonly Instance[]): Finding[] {
  const findings: Finding[] = [];
  const ports = new Map<number, string>();
  for (const instance of placed) {
    if (instance.port === undefined) continue;
    const other = ports.get(instance.port);
    if (other) findings.push(portClash(instance, other));
    else ports.set(instance.port, instance.id);
  }
  return findings;
}

function portClash(instance: Instance, other: string): Finding {
  const port = instance.port!;
  const hostId = instance.placement!.hostId;
  return {
    code: "layout.port-clash",
    severity: "error",
    instanceId: instance.id,
    hostId,
    field: "port",
    message: `"${instance.id}" and "${other}" both publish port ${port} on "${hostId}".`,
    fix: `Use another port for "${instance.id}", e.g. ${port + 1}.`,
    patch: { port: port + 1 },
  };
}
