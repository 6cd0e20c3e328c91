"use server";

import { findHost } from "../../queries/hosts/find-host";
import { findHostIdByName } from "../../queries/hosts/find-host-id-by-name";
import { insertHost } from "../../queries/hosts/insert-host";
import { storeHostCredentials } from "../../secrets/host-credentials";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { hostAudit } from "./host-audit";
import { addHostInputWithDefault } from "./inputs";
import { resolveEndpoint } from "./resolve-endpoint";

/** Registers a Docker host (unix socket, TCP + TLS, SSH) or a local simulated host; credentials are stored encrypted. */
export const addHost = defineAction({
  name: "host.add",
  input: addHostInputWithDefault,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    if (await findHostIdByName(tx, input.name)) {
      const message = `A host named "${input.name}" is already registered: choose another name, or edit that host.`;
      throw new ActionError(message, { status: 409, fieldErrors: { name: [message] } });
    }
    let id: string;
    if (input.kind === "local-sim") {
      id = await insertHost(tx, { ...input, endpoint: "" });
    } else {
      const resolved = resolveEndpoint(input.endpoint);
      id = await insertHost(tx, {
        ...input,
        endpoint: resolved.endpoint.url,
        sshHostKeySha256: resolved.sshHostKeySha256,
      });
      await storeHostCredentials(tx, id, resolved.store);
    }
    const host = (await findHost(tx, id))!;
    return { data: { id, name: host.name }, audit: { targetType: "host", targetId: id, after: hostAudit(host) } };
  },
});
