import type { InstanceWithHost } from "../../queries/instances/find-instance";
import type { Check, PermissionAction } from "../../vocabulary/access";

/** An action on an instance needs the permission on the instance and on every host one of its replicas is on. */
export function instanceChecks(action: PermissionAction, instance: InstanceWithHost): Check[] {
  const hosts = new Map<string, Record<string, string>>();
  for (const r of instance.replicas) if (r.hostId) hosts.set(r.hostId, r.hostLabels);
  return [
    { action, resource: { type: "instance", id: instance.id, hostLabels: instance.hostLabels } },
    ...[...hosts].map(([id, labels]): Check => ({ action, resource: { type: "host", id, labels } })),
  ];
}
