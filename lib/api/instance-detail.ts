import "server-only";
import { z } from "zod";
import { checksForInstance } from "../actions/instances/checks-for-instance";
import { instanceIdInput } from "../actions/instances/inputs";
import type { ActionSpec } from "../actions/types";
import { grantsOf } from "../auth/authorize";
import { findInstanceDetail, type InstanceDetail } from "../queries/instances/find-instance-detail";
import { ActionError } from "../server/action-error";
import { type InstancePermissions, instancePermissions } from "./instance-permissions";
import { instanceOut, toInstanceOut } from "./read/lists";

export const instanceDetailOut = instanceOut.extend({
  spec: z.record(z.string(), z.unknown()).describe("the Instance as applied (the layout file's instance object)"),
  generation: z.number().int(),
  events: z.array(
    z.object({
      replica: z.number().int(),
      state: z.string(),
      detail: z.string().nullable(),
      exitCode: z.number().int().nullable(),
      at: z.string(),
    }),
  ),
  logTails: z
    .record(z.string(), z.array(z.string()).nullable())
    .describe("each replica's last 50 log lines from its last exit; empty unless the caller may read logs"),
});

export type InstanceDetailOut = z.infer<typeof instanceDetailOut>;

/** The wire form of an instance's detail. */
export function toInstanceDetailOut(detail: InstanceDetail, may: InstancePermissions): InstanceDetailOut {
  return {
    ...toInstanceOut(detail, may),
    spec: JSON.parse(detail.spec) as Record<string, unknown>,
    generation: detail.generation,
    events: detail.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    logTails: may.logs
      ? Object.fromEntries(
          Object.entries(detail.logTails).map(([replica, tail]) => [replica, tail === null ? null : tail.split("\n")]),
        )
      : {},
  };
}

/** GET /api/v1/instances/{instanceId}: one instance with its spec, state history and (for those allowed) last exit logs. */
export const instanceDetailSpec = {
  name: "api.instances.get",
  input: instanceIdInput,
  readOnly: true,
  authorize: async (input) => (await checksForInstance("instance.read", input.instanceId)).slice(0, 1),
  run: async (input, { tx, actor }) => {
    const grants = await grantsOf(actor);
    const probe = await findInstanceDetail(tx, input.instanceId, { withLogs: false });
    if (!probe) throw new ActionError(`Instance ${input.instanceId} does not exist.`, { status: 404 });
    const may = instancePermissions(actor, grants, probe);
    const detail = may.logs ? (await findInstanceDetail(tx, input.instanceId, { withLogs: true }))! : probe;
    return { data: toInstanceDetailOut(detail, may) };
  },
} satisfies ActionSpec<typeof instanceIdInput, InstanceDetailOut>;
