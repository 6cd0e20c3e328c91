import "server-only";
import { can } from "../auth/can";
import type { InstanceView } from "../queries/instances/list-instance-replicas";
import type { Actor, PermissionAction } from "../vocabulary/access";

/** What the caller may do with an instance: the UI shows only these controls (the actions check again). */
export interface InstancePermissions {
  operate: boolean;
  logs: boolean;
  invoke: boolean;
}

function allowed(actor: Actor, grants: readonly string[], action: PermissionAction, instance: InstanceView): boolean {
  if (!can(actor, action, { type: "instance", id: instance.id, hostLabels: instance.hostLabels }, grants)) return false;
  return instance.replicas.every(
    (r) => !r.hostId || can(actor, action, { type: "host", id: r.hostId, labels: r.hostLabels }, grants),
  );
}

export function instancePermissions(
  actor: Actor,
  grants: readonly string[],
  instance: InstanceView,
): InstancePermissions {
  return {
    operate: allowed(actor, grants, "instance.start", instance) && allowed(actor, grants, "instance.stop", instance),
    logs: allowed(actor, grants, "instance.logs.read", instance),
    invoke: allowed(actor, grants, "instance.invoke", instance),
  };
}
