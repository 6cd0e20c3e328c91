import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../actions/types";
import { listInstances } from "../queries/instances/list-instances";
import { listLayouts } from "../queries/layouts/list-layouts";
import { listRevisions } from "../queries/layouts/list-revisions";

/** Read endpoints of /api/v1, as action specs (readOnly: no audit row; viewers and "read" tokens may call them). */

export const layoutOut = z.object({
  id: z.string(),
  name: z.string(),
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

const empty = z.object({}).passthrough();
export const layoutIdInput = z.object({
  layoutId: z.string().min(1, "give a layout id (GET /api/v1/layouts lists them)").max(64),
});

export const listLayoutsSpec = {
  name: "api.layouts.list",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "layout.read", resource: { type: "layout" } }),
  run: async (_, { tx }) => {
    const rows = await listLayouts(tx);
    return {
      data: rows.map(
        (l): z.infer<typeof layoutOut> => ({
          id: l.id,
          name: l.name,
          updatedAt: l.updatedAt.toISOString(),
          revisionCount: l.revisionCount,
        }),
      ),
    };
  },
} satisfies ActionSpec<typeof empty, z.infer<typeof layoutOut>[]>;

export const listRevisionsSpec = {
  name: "api.revisions.list",
  input: layoutIdInput,
  readOnly: true,
  authorize: (input) => ({ action: "layout.read", resource: { type: "layout", id: input.layoutId } }),
  run: async (input, { tx }) => {
    const rows = await listRevisions(tx, input.layoutId);
    return {
      data: rows.map(
        (r): z.infer<typeof revisionOut> => ({
          id: r.id,
          number: r.number,
          note: r.note,
          createdAt: r.createdAt.toISOString(),
        }),
      ),
    };
  },
} satisfies ActionSpec<typeof layoutIdInput, z.infer<typeof revisionOut>[]>;

export const listInstancesSpec = {
  name: "api.instances.list",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "instance.read", resource: { type: "global" } }),
  run: async (_, { tx }) => {
    const rows = await listInstances(tx);
    return {
      data: rows.map(
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
} satisfies ActionSpec<typeof empty, z.infer<typeof instanceOut>[]>;
