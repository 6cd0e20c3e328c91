"use server";

import { deleteHost } from "../../queries/hosts/delete-host";
import { findHost } from "../../queries/hosts/find-host";
import { listPlacedInstances } from "../../queries/hosts/list-placed-instances";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { hostAudit } from "./host-audit";
import { hostIdInput } from "./inputs";

/** Removes a host with its GPUs and stored credentials; refused while instances placed there should run. */
export const removeHost = defineAction({
  name: "host.remove",
  input: hostIdInput,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const host = await findHost(tx, input.hostId);
    if (!host) throw new ActionError(`There is no host ${input.hostId}: reload the hosts list.`, { status: 404 });
    const placed = await listPlacedInstances(tx, host.id);
    if (placed.length > 0) {
      const names = placed.slice(0, 5).map((p) => `${p.instanceKey} (layout "${p.layoutName}")`);
      const more = placed.length > 5 ? ` and ${placed.length - 5} more` : "";
      throw new ActionError(
        `Host ${host.name} still has ${placed.length} instance${placed.length === 1 ? "" : "s"} placed that should run: ${names.join(", ")}${more}. ` +
          "Stop them (Instances → Stop) or apply a layout revision without them, then remove the host.",
        { status: 409 },
      );
    }
    await deleteHost(tx, host.id);
    return { data: { id: host.id }, audit: { targetType: "host", targetId: host.id, before: hostAudit(host) } };
  },
});
