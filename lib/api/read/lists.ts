import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import { listInstancesPage } from "../../queries/instances/list-instances";
import { listLayoutsPage } from "../../queries/layouts/list-layouts";
import { listRevisions } from "../../queries/layouts/list-revisions";
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
export const instanceOut = z.object({
  id: z.string(),
  layoutId: z.string(),
  instanceKey: z.string(),
  revisionId: z.string(),
  hostId: z.string().nullable(),
  gpuIndices: z.array(z.number().int()),
  desiredState: z.string(),
  observedState: z.string(),
  updatedAt: z.string(),
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

const instancesPage = pageOut(instanceOut);
export const listInstancesSpec = {
  name: "api.instances.list",
  input: pageInput,
  readOnly: true,
  authorize: () => ({ action: "instance.read", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const page = await listInstancesPage(tx, pageRequest(input));
    return {
      data: toPage(
        page,
        (r): z.infer<typeof instanceOut> => ({
          id: r.id,
          layoutId: r.layoutId,
          instanceKey: r.instanceKey,
          revisionId: r.revisionId,
          hostId: r.hostId,
          gpuIndices: r.gpuIndices,
          desiredState: r.desiredState,
          observedState: r.observedState,
          updatedAt: r.updatedAt.toISOString(),
        }),
      ),
    };
  },
} satisfies ActionSpec<typeof pageInput, z.infer<typeof instancesPage>>;
