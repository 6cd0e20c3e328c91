import "server-only";
import { defineAction } from "../define-action";
import { createLayoutInput } from "./inputs";

/** A new saved layout with its first revision (number 1). */
export const createLayout = defineAction({
  name: "layout.create",
  input: createLayoutInput,
  authorize: () => ({ action: "layout.write", resource: { type: "layout" } }),
  run: async (input, { actor, tx }) => {
    const layout = await tx.layout.create({
      data: {
        name: input.document.name,
        ownerId: actor.userId,
        revisions: {
          create: { number: 1, document: JSON.stringify(input.document), note: input.note, authorId: actor.userId },
        },
      },
    });
    return {
      data: { id: layout.id, number: 1 },
      audit: { targetType: "layout", targetId: layout.id, after: { name: layout.name, revision: 1, note: input.note } },
    };
  },
});
