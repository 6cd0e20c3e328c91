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
