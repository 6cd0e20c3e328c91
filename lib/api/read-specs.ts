import "server-only";
import { z } from "zod";
import type { ActionContext } from "../actions/types";

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
  authorize: () => ({ action: "layout.read" as const, resource: { type: "layout" as const } }),
  run: async (_: unknown, { tx }: ActionContext) => {
    const rows = await tx.layout.findMany({
      orderBy: { updatedAt: "desc" },
      include: { _count: { select: { revisions: true } } },
    });
    return {
      data: rows.map(
        (l): z.infer<typeof layoutOut> => ({
          id: l.id,
          name: l.name,
          updatedAt: l.updatedAt.toISOString(),
          revisionCount: l._count.revisions,
        }),
      ),
    };
  },
};

export const listRevisionsSpec = {
  name: "api.revisions.list",
  input: layoutIdInput,
  readOnly: true,
  authorize: (input: z.infer<typeof layoutIdInput>) => ({
    action: "layout.read" as const,
    resource: { type: "layout" as const, id: input.layoutId },
  }),
  run: async (input: z.infer<typeof layoutIdInput>, { tx }: ActionContext) => {
    const rows = await tx.layoutRevision.findMany({ where: { layoutId: input.layoutId }, orderBy: { number: "desc" } });
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
};

export const listInstancesSpec = {
  name: "api.instances.list",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "instance.read" as const, resource: { type: "global" as const } }),
  run: async (_: unknown, { tx }: ActionContext) => {
    const rows = await tx.instance.findMany({ orderBy: { updatedAt: "desc" } });
    return {
      data: rows.map(
        (r): z.infer<typeof instanceOut> => ({
          id: r.id,
          layoutId: r.layoutId,
          instanceKey: r.instanceKey,
          revisionId: r.revisionId,
          hostId: r.hostId,
          gpuIndices: z.array(z.number().int()).catch([]).parse(JSON.parse(r.gpuIndices)),
          desiredState: r.desiredState,
          observedState: r.observedState,
          updatedAt: r.updatedAt.toISOString(),
        }),
      ),
    };
  },
};
