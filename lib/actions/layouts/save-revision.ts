import "server-only";
import { defineAction } from "../define-action";
import { ActionError } from "../../server/action-error";
import { saveRevisionInput } from "./inputs";

/** Appends an immutable, numbered revision (note, author, time) to a saved layout. */
export const saveRevision = defineAction({
  name: "layout.save-revision",
  input: saveRevisionInput,
  authorize: (input) => ({ action: "layout.write", resource: { type: "layout", id: input.layoutId } }),
  run: async (input, { actor, tx }) => {
    const layout = await tx.layout.findUnique({
      where: { id: input.layoutId },
      include: { revisions: { orderBy: { number: "desc" }, take: 1 } },
    });
    if (!layout)
      throw new ActionError(
        `Layout ${input.layoutId} does not exist (it may have been deleted): save this one as a new layout.`,
        { status: 404 },
      );
    const latest = layout.revisions[0]?.number ?? 0;
    if (input.baseNumber !== undefined && input.baseNumber < latest) {
      throw new ActionError(
        `Revision ${latest} was saved after the revision ${input.baseNumber} you started from. Open revision ${latest}, or compare the two, then save again.`,
        { status: 409 },
      );
    }
    const number = latest + 1;
    await tx.layoutRevision.create({
      data: {
        layoutId: layout.id,
        number,
        document: JSON.stringify(input.document),
        note: input.note,
        authorId: actor.userId,
      },
    });
    await tx.layout.update({ where: { id: layout.id }, data: { name: input.document.name } });
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
