"use server";

import { appendRevision } from "../../queries/layouts/append-revision";
import { findLayoutHead } from "../../queries/layouts/find-layout-head";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { saveRevisionInput } from "./inputs";

/** Appends an immutable, numbered revision (note, author, time) to a saved layout. */
export const saveRevision = defineAction({
  name: "layout.save-revision",
  input: saveRevisionInput,
  authorize: (input) => ({ action: "layout.write", resource: { type: "layout", id: input.layoutId } }),
  run: async (input, { actor, tx }) => {
    const layout = await findLayoutHead(tx, input.layoutId);
    if (!layout)
      throw new ActionError(
        `Layout ${input.layoutId} does not exist (it may have been deleted): save this one as a new layout.`,
        { status: 404 },
      );
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
        before: { name: layout.name, revision: latest },
        after: { name: input.document.name, revision: number, note: input.note },
      },
    };
  },
});
