"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { appendRevision } from "../../queries/layouts/append-revision";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { renameLayoutInput } from "./inputs";
import { existingLayout, layoutWriteCheck } from "./layout-checks";

/**
 * Renames a saved layout. The name is part of the document, so the rename is a new revision (the latest document
 * with the new name, noted "Renamed from … to …"): history keeps every name, and an editor open on an older revision
 * is told to reload instead of silently writing the old name back.
 */
export const renameLayout = defineAction({
  name: "layout.rename",
  input: renameLayoutInput,
  authorize: (input) => layoutWriteCheck(db(), input.layoutId),
  run: async (input, { actor, tx }) => {
    const layout = await existingLayout(tx, input.layoutId);
    await assertCan(actor, [await layoutWriteCheck(tx, input.layoutId)]);
    if (layout.archivedAt)
      throw new ActionError(`Layout "${layout.name}" is archived: restore it first.`, { status: 409 });
    if (!layout.latest)
      throw new ActionError(
        `The newest revision of "${layout.name}" does not parse: open it in the designer and save it.`,
        {
          status: 422,
        },
      );
    if (input.baseNumber !== undefined && input.baseNumber < layout.latestNumber)
      throw new ActionError(
        `Revision ${layout.latestNumber} was saved after the revision ${input.baseNumber} you have open: reload, then rename.`,
        { status: 409 },
      );
    const number = layout.latestNumber + 1;
    const note = `Renamed from "${layout.name}" to "${input.name}"`;
    await appendRevision(tx, {
      layoutId: layout.id,
      number,
      document: { ...layout.latest, name: input.name },
      note,
      authorId: actor.userId,
    });
    return {
      data: { id: layout.id, name: input.name, number },
      audit: {
        targetType: "layout",
        targetId: layout.id,
        targetLabel: input.name,
        before: { name: layout.name, revision: layout.latestNumber },
        after: { name: input.name, revision: number },
      },
    };
  },
});
