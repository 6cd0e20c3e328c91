"use server";

import { findHost } from "../../queries/hosts/find-host";
import { updateHost } from "../../queries/hosts/update-host";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { declareGpusInput } from "./inputs";

/** Declares a host's GPUs by hand (count × catalog GPU, or custom memory), for hosts where nothing can be discovered. */
export const declareGpus = defineAction({
  name: "host.declare-gpus",
  input: declareGpusInput,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const host = await findHost(tx, input.hostId);
    if (!host) throw new ActionError(`There is no host ${input.hostId}: reload the hosts list.`, { status: 404 });
    await updateHost(tx, host.id, { declaredGpus: input.declaredGpus });
    return {
      data: { id: host.id, declaredGpus: input.declaredGpus },
      audit: {
        targetType: "host",
        targetId: host.id,
        before: { declaredGpus: host.declaredGpus },
        after: { declaredGpus: input.declaredGpus },
      },
    };
  },
});
