"use server";

import { deleteHostCredentials } from "../../queries/hosts/delete-host-credentials";
import { findHost } from "../../queries/hosts/find-host";
import { findHostIdByName } from "../../queries/hosts/find-host-id-by-name";
import type { HostFields } from "../../queries/hosts/host-fields";
import { updateHost } from "../../queries/hosts/update-host";
import { readHostCredentials, storeHostCredentials } from "../../secrets/host-credentials";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { hostAudit } from "./host-audit";
import { editHostInput } from "./inputs";
import { resolveEndpoint } from "./resolve-endpoint";

/**
 * Changes a host's name, endpoint, credentials, labels (what role grants match), simulated, declared GPUs or dcgm URL.
 * Fields left out stay as they are; credentials left out are kept while the endpoint's scheme stays the same.
 */
export const editHost = defineAction({
  name: "host.edit",
  input: editHostInput,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const before = await findHost(tx, input.hostId);
    if (!before) throw new ActionError(`There is no host ${input.hostId}: reload the hosts list.`, { status: 404 });
    if (input.name !== undefined && input.name !== before.name && (await findHostIdByName(tx, input.name))) {
      const message = `A host named "${input.name}" is already registered: choose another name.`;
      throw new ActionError(message, { status: 409, fieldErrors: { name: [message] } });
    }
    const fields: HostFields = {
      name: input.name,
      labels: input.labels,
      simulatedGpus: input.simulatedGpus,
      declaredGpus: input.declaredGpus,
      dcgmUrl: input.dcgmUrl,
    };
    const rotated: string[] = [];
    if (input.endpoint) {
      if (before.kind === "local-sim")
        throw new ActionError("The local simulated host has no endpoint: add a Docker host instead.", {
          status: 422,
          fieldErrors: { endpoint: ["the local simulated host has no endpoint"] },
        });
      const stored = (await readHostCredentials(tx, [before.id])).get(before.id)?.values ?? {};
      const resolved = resolveEndpoint(input.endpoint, stored, before.sshHostKeySha256);
      fields.endpoint = resolved.endpoint.url;
      fields.sshHostKeySha256 = resolved.sshHostKeySha256;
      await deleteHostCredentials(tx, before.id, resolved.drop);
      rotated.push(...(await storeHostCredentials(tx, before.id, resolved.store)));
    }
    if (before.kind === "local-sim" && input.simulatedGpus === null)
      throw new ActionError("The local simulated host needs its simulated GPUs: give a GPU and a count.", {
        status: 422,
        fieldErrors: { simulatedGpus: ["the local simulated host needs simulated GPUs (e.g. 4× rtx-4090d)"] },
      });
    await updateHost(tx, before.id, fields);
    const after = (await findHost(tx, before.id))!;
    return {
      data: { id: after.id, name: after.name },
      audit: {
        targetType: "host",
        targetId: after.id,
        before: hostAudit(before),
        after: { ...hostAudit(after), ...(rotated.length > 0 && { rotated }) },
      },
    };
  },
});
