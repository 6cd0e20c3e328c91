"use server";

import { db } from "../../queries/db";
import { listLayoutInstances } from "../../queries/instances/list-layout-instances";
import { stopLayoutInstances } from "../../queries/instances/stop-layout-instances";
import { nudgeRuntime } from "../../server/runtime-nudge";
import type { Check } from "../../vocabulary/access";
import { defineAction } from "../define-action";
import { layoutIdInput } from "./inputs";

async function checks(layoutId: string): Promise<Check[]> {
  const { hosts } = await listLayoutInstances(db(), layoutId);
  return [
    { action: "instance.stop", resource: { type: "layout", id: layoutId } },
    ...hosts.map((h): Check => ({ action: "instance.stop", resource: { type: "host", id: h.id, labels: h.labels } })),
  ];
}

/**
 * Stop everything of a layout (every host it runs on must be in the caller's grants); an unreachable host's part
 * stops when it is back. POST /api/v1/layouts/{layoutId}/stop.
 */
export const stopLayout = defineAction({
  name: "layout.stop",
  input: layoutIdInput,
  authorize: (input) => checks(input.layoutId),
  run: async (input, { tx }) => {
    const stopped = await stopLayoutInstances(tx, input.layoutId);
    return {
      data: { layoutId: input.layoutId, stopped },
      audit: { targetType: "layout", targetId: input.layoutId, after: { stopped } },
    };
  },
  afterCommit: nudgeRuntime,
});
