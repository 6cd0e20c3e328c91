import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import { grantsOf } from "../../auth/authorize";
import { findLayoutDeployment } from "../../queries/instances/find-layout-deployment";
import { type InstanceView, listInstanceReplicasPage } from "../../queries/instances/list-instance-replicas";
import { listLayoutsPage } from "../../queries/layouts/list-layouts";
import { listRevisions } from "../../queries/layouts/list-revisions";
import { REPLICA_STATES } from "../../vocabulary/replica-state";
import { type InstancePermissions, instancePermissions } from "../instance-permissions";
import { pageInput, pageOut, pageRequest, toPage } from "../paginate";

/** Read endpoints of /api/v1, as action specs (readOnly: no audit row; viewers and "read" tokens may call them). */

export const layoutOut = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revisionCount: z.number().int(),
});
export const revisionOut = z.object({
  id: z.string(),
  number: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
});
export const replicaOut = z.object({
  replica: z.number().int(),
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  gpuIndices: z.array(z.number().int()),
  state: z.enum(REPLICA_STATES).or(z.string()),
  detail: z.string().nullable().describe("the engine's progress line while loading, its error line after an exit"),
  exitCode: z.number().int().nullable(),
  endpoint: z.string().nullable().describe("base URL of the engine's OpenAI-compatible API"),
  containerId: z.string().nullable(),
  error: z.string().nullable().describe("the reconciler's last error acting on this replica (it backs off)"),
  retryAt: z.string().nullable(),
  stateSince: z.string(),
});
export const instanceOut = z.object({
  id: z.string(),
  layoutId: z.string(),
  layoutName: z.string(),
  instanceKey: z.string(),
  revisionId: z.string(),
  engine: z.string(),
  model: z.string(),
  hostId: z.string().nullable(),
  gpuIndices: z.array(z.number().int()),
  desiredState: z.string(),
  observedState: z.string(),
  replicaCount: z.number().int(),
  replicas: z.array(replicaOut),
  updatedAt: z.string(),
  may: z
    .object({ operate: z.boolean(), logs: z.boolean(), invoke: z.boolean() })
    .describe("what the caller may do with it: start/stop/restart/scale, read its logs, send it a request"),
});

export const layoutIdInput = z.object({
  layoutId: z.string().min(1, "give a layout id (GET /api/v1/layouts lists them)").max(64),
});
const listLayoutsInput = pageInput.extend({
  archived: z
    .enum(["true", "false"], {
      message: "use archived=true for archived layouts, archived=false (default) for the others",
    })
    .optional(),
});
const listRevisionsInput = pageInput.extend(layoutIdInput.shape);

const layoutsPage = pageOut(layoutOut);
export const listLayoutsSpec = {
  name: "api.layouts.list",
  input: listLayoutsInput,
  readOnly: true,
  authorize: () => ({ action: "layout.read", resource: { type: "layout" } }),
  run: async (input, { tx }) => {
    const page = await listLayoutsPage(tx, { archived: input.archived === "true", page: pageRequest(input) });
    return {
      data: toPage(
        page,
        (l): z.infer<typeof layoutOut> => ({
          id: l.id,
          name: l.name,
          ownerId: l.ownerId,
          archived: l.archivedAt !== null,
          createdAt: l.createdAt.toISOString(),
          updatedAt: l.updatedAt.toISOString(),
          revisionCount: l.revisionCount,
        }),
      ),
    };
  },
} satisfies ActionSpec<typeof listLayoutsInput, z.infer<typeof layoutsPage>>;

const revisionsPage = pageOut(revisionOut);
export const listRevisionsSpec = {
  name: "api.revisions.list",
  input: listRevisionsInput,
  readOnly: true,
  authorize: (input) => ({ action: "layout.read", resource: { type: "layout", id: input.layoutId } }),
  run: async (input, { tx }) => {
    const page = await listRevisions(tx, input.layoutId, pageRequest(input));
    return {
      data: toPage(
        page,
        (r): z.infer<typeof revisionOut> => ({
          id: r.id,
          number: r.number,
          note: r.note,
          createdAt: r.createdAt.toISOString(),
        }),
      ),
    };
  },
} satisfies ActionSpec<typeof listRevisionsInput, z.infer<typeof revisionsPage>>;

/** One instance as /api/v1 sends it. */
export function toInstanceOut(r: InstanceView, may: InstancePermissions): z.infer<typeof instanceOut> {
  return {
    id: r.id,
    layoutId: r.layoutId,
    layoutName: r.layoutName,
    instanceKey: r.instanceKey,
    revisionId: r.revisionId,
    engine: r.engine,
    model: r.model,
    hostId: r.hostId,
    gpuIndices: r.gpuIndices,
    desiredState: r.desiredState,
    observedState: r.observedState,
    replicaCount: r.replicaCount,
    replicas: r.replicas.map((x) => ({
      replica: x.replica,
      hostId: x.hostId,
      hostName: x.hostName,
      gpuIndices: x.gpuIndices,
      state: x.state,
      detail: x.detail,
      exitCode: x.exitCode,
      endpoint: x.endpoint,
      containerId: x.containerId,
      error: x.error,
      retryAt: x.retryAt?.toISOString() ?? null,
      stateSince: x.stateSince.toISOString(),
    })),
    updatedAt: r.updatedAt.toISOString(),
    may,
  };
}

export const instanceFilterInput = pageInput.extend({
  layoutId: z.string().max(64).optional(),
  hostId: z.string().max(64).optional(),
  state: z.enum(REPLICA_STATES, { message: `state is one of ${REPLICA_STATES.join(", ")}` }).optional(),
});
const instancesPage = pageOut(instanceOut);

export const listInstancesSpec = {
  name: "api.instances.list",
  input: instanceFilterInput,
  readOnly: true,
  authorize: () => ({ action: "instance.read", resource: { type: "global" } }),
  run: async (input, { tx, actor }) => {
    const { layoutId, hostId, state } = input;
    const page = await listInstanceReplicasPage(tx, { layoutId, hostId, state }, pageRequest(input));
    const grants = await grantsOf(actor);
    return { data: toPage(page, (r) => toInstanceOut(r, instancePermissions(actor, grants, r))) };
  },
} satisfies ActionSpec<typeof instanceFilterInput, z.infer<typeof instancesPage>>;

export const deploymentOut = z.object({
  layoutId: z.string(),
  revisionId: z.string().nullable(),
  revisionNumber: z.number().int().nullable(),
  version: z.number().int().describe("send it as expectedVersion when applying the plan you reviewed"),
  appliedBy: z.string().nullable(),
  appliedAt: z.string().nullable(),
});

export const deploymentSpec = {
  name: "api.layouts.deployment",
  input: layoutIdInput,
  readOnly: true,
  authorize: (input) => ({ action: "layout.read", resource: { type: "layout", id: input.layoutId } }),
  run: async (input, { tx }) => {
    const d = await findLayoutDeployment(tx, input.layoutId);
    return {
      data: {
        layoutId: d.layoutId,
        revisionId: d.revisionId,
        revisionNumber: d.revisionNumber,
        version: d.version,
        appliedBy: d.appliedByLabel,
        appliedAt: d.appliedAt?.toISOString() ?? null,
      },
    };
  },
} satisfies ActionSpec<typeof layoutIdInput, z.infer<typeof deploymentOut>>;
