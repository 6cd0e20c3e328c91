"use server";

import { createLayout as insertLayout } from "../../queries/layouts/create-layout";
import { defineAction } from "../define-action";
import { createLayoutInput } from "./inputs";

/** A new saved layout with its first revision (number 1): from "New layout", a template, or "Save a copy" of a share link. */
export const createLayout = defineAction({
  name: "layout.create",
  input: createLayoutInput,
  authorize: () => ({ action: "layout.write", resource: { type: "layout" } }),
  run: async (input, { actor, tx }) => {
    const layout = await insertLayout(tx, { document: input.document, note: input.note, ownerId: actor.userId });
    return {
      data: { id: layout.id, number: 1 },
      audit: {
        targetType: "layout",
        targetId: layout.id,
        targetLabel: layout.name,
        after: { name: layout.name, revision: 1, note: input.note },
      },
    };
  },
});
