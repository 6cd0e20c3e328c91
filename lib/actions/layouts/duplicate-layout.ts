"use server";

import { db } from "../../queries/db";
import { createLayout as insertLayout } from "../../queries/layouts/create-layout";
import { findLayoutAccess } from "../../queries/layouts/find-layout-access";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { duplicateLayoutInput } from "./inputs";
import { existingLayout } from "./layout-checks";

/** A new layout, owned by the caller, whose first revision is the newest revision of another one. */
export const duplicateLayout = defineAction({
  name: "layout.duplicate",
  input: duplicateLayoutInput,
  authorize: async (input) => {
    const source = await findLayoutAccess(db(), input.layoutId);
    return [
      { action: "layout.read", resource: { type: "layout", id: source?.id } },
      { action: "layout.write", resource: { type: "layout" } },
    ];
  },
  run: async (input, { actor, tx }) => {
    const source = await existingLayout(tx, input.layoutId);
    if (!source.latest)
      throw new ActionError(
        `The newest revision of "${source.name}" does not parse: open it in the designer and save it.`,
        {
          status: 422,
        },
      );
    const name = input.name ?? `Copy of ${source.name}`.slice(0, 120);
    const copy = await insertLayout(tx, {
      document: { ...source.latest, name },
      note: `Duplicated from "${source.name}" revision ${source.latestNumber}`,
      ownerId: actor.userId,
    });
    return {
      data: { id: copy.id, name, number: 1 },
      audit: {
        targetType: "layout",
        targetId: copy.id,
        targetLabel: name,
        after: { name, revision: 1, from: { layoutId: source.id, name: source.name, revision: source.latestNumber } },
      },
    };
  },
});
