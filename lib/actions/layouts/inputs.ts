import { z } from "zod";
import { layoutSchema } from "../../vocabulary/layout-schema";

export const revisionNoteSchema = z.string().trim().max(500, "keep the note under 500 characters");

export const createLayoutInput = z.object({
  document: layoutSchema,
  note: revisionNoteSchema.default(""),
});
export type CreateLayoutInput = z.input<typeof createLayoutInput>;

export const saveRevisionInput = z.object({
  layoutId: z.string().min(1),
  document: layoutSchema,
  note: revisionNoteSchema.default(""),
  /** The revision the editor started from: saving over a newer one is refused, so nobody's edit is lost silently. */
  baseNumber: z.number().int().nonnegative().optional(),
});
export type SaveRevisionInput = z.input<typeof saveRevisionInput>;

const layoutId = z.string().min(1, "give a layout id (GET /api/v1/layouts lists them)").max(64);
export const layoutNameSchema = z
  .string()
  .trim()
  .min(1, "give the layout a name")
  .max(120, "use at most 120 characters");

export const layoutIdInput = z.object({ layoutId });

export const renameLayoutInput = z.object({
  layoutId,
  name: layoutNameSchema,
  /** The revision the caller saw: renaming over a newer one is refused (409), as for saving. */
  baseNumber: z.number().int().nonnegative().optional(),
});

export const duplicateLayoutInput = z.object({
  layoutId,
  /** Default: "Copy of <name>". */
  name: layoutNameSchema.optional(),
});
