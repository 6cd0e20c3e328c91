import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import { checkLayout } from "../../layout/check-layout";
import { parseRevisionDocument } from "../../layout/revision-document";
import { findLayoutAccess } from "../../queries/layouts/find-layout-access";
import { findRevision } from "../../queries/layouts/find-revision";
import { getDesignerSettings } from "../../queries/settings/get-designer-settings";
import { ActionError } from "../../server/action-error";
import type { Layout } from "../../vocabulary/layout-schema";

/** GET /api/v1/layouts/{layoutId} (the newest document) and GET /api/v1/revisions/{revisionId} (with budget and findings). */

const layoutId = z.object({
  layoutId: z.string().min(1, "give a layout id (GET /api/v1/layouts lists them)").max(64),
});
const revisionId = z.object({
  revisionId: z.string().min(1, "give a revision id (GET /api/v1/layouts/{id}/revisions lists them)").max(64),
});

export const layoutDetailOut = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  archived: z.boolean(),
  latestNumber: z.number().int(),
  document: z.record(z.string(), z.unknown()).nullable(),
});

export const getLayoutSpec = {
  name: "api.layouts.get",
  input: layoutId,
  readOnly: true,
  authorize: (input) => ({ action: "layout.read", resource: { type: "layout", id: input.layoutId } }),
  run: async (input, { tx }) => {
    const layout = await findLayoutAccess(tx, input.layoutId);
    if (!layout)
      throw new ActionError(`Layout ${input.layoutId} does not exist: GET /api/v1/layouts lists them.`, {
        status: 404,
      });
    return {
      data: {
        id: layout.id,
        name: layout.name,
        ownerId: layout.ownerId,
        archived: layout.archivedAt !== null,
        latestNumber: layout.latestNumber,
        document: layout.latest as Layout | null,
      },
    };
  },
} satisfies ActionSpec<typeof layoutId, z.infer<typeof layoutDetailOut>>;

export const revisionDetailOut = z.object({
  id: z.string(),
  layoutId: z.string(),
  layoutName: z.string(),
  number: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
  document: z.record(z.string(), z.unknown()),
  /** Per instance and per GPU: weights, activation, non-torch, CUDA graphs, KV cache, free (integer bytes). */
  budget: z.record(z.string(), z.unknown()),
  findings: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() }).catchall(z.unknown())),
});

export const getRevisionSpec = {
  name: "api.revisions.get",
  input: revisionId,
  readOnly: true,
  authorize: () => ({ action: "layout.read", resource: { type: "layout" } }),
  run: async (input, { tx }) => {
    const row = await findRevision(tx, input.revisionId);
    if (!row)
      throw new ActionError(
        `Revision ${input.revisionId} does not exist: GET /api/v1/layouts/{id}/revisions lists them.`,
        {
          status: 404,
        },
      );
    const parsed = parseRevisionDocument(row.document, `revision ${row.number} of "${row.layoutName}"`);
    if (!parsed.ok) throw new ActionError(parsed.error, { status: 422 });
    // The admin's VRAM ceiling, as the designer uses it, so the API and the grid report the same findings.
    const { vramCeiling } = await getDesignerSettings(tx);
    const { budget, findings } = checkLayout(parsed.layout, { vramCeiling });
    return {
      data: {
        id: row.id,
        layoutId: row.layoutId,
        layoutName: row.layoutName,
        number: row.number,
        note: row.note,
        createdAt: row.createdAt.toISOString(),
        document: parsed.layout as unknown as Record<string, unknown>,
        budget: budget as unknown as Record<string, unknown>,
        findings: findings as unknown as z.infer<typeof revisionDetailOut>["findings"],
      },
    };
  },
} satisfies ActionSpec<typeof revisionId, z.infer<typeof revisionDetailOut>>;
