"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { appendRevision } from "../../queries/layouts/append-revision";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { saveRevisionInput } from "./inputs";
import { existingLayout, layoutWriteCheck } from "./layout-checks";

/**
 * Appends an immutable, numbered revision (note, author, time) to a saved layout. Who may: an admin, the layout's
 * owner, or an operator whose grants match every registered host the layout reaches now and the new revision places
 * instances on.
 */
export const saveRevision = defineAction({
  name: "layout.save-revision",
  input: saveRevisionInput,
  authorize: (input) => layoutWriteCheck(db(), input.layoutId, input.document),
  run: async (input, { actor, tx }) => {
    const layout = await existingLayout(tx, input.layoutId);
    await assertCan(actor, [await layoutWriteCheck(tx, input.layoutId, input.document)]);
    if (layout.archivedAt)
      throw new ActionError(`Layout "${layout.name}" is archived: restore it before saving a revision.`, {
        status: 409,
      });
    const latest = layout.latestNumber;
    if (input.baseNumber !== undefined && input.baseNumber < latest) {
      throw new ActionError(
        `Revision ${latest} was saved after the revision ${input.baseNumber} you started from. Open revision ${latest}, or compare the two, then save again.`,
        { status: 409 },
      );
    }
    const number = latest + 1;
    await appendRevision(tx, {
      layoutId: layout.id,
      number,
      document: input.document,
      note: input.note,
      authorId: actor.userId,
    });
    return {
      data: { id: layout.id, number },
      audit: {
        targetType: "layout",
        targetId: layout.id,
        targetLabel: input.document.name,
        before: { name: layout.name, revision: latest },
        after: { name: input.document.name, revision: number, note: input.note },
      },
    };
  },
});
