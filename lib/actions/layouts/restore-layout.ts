"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { setLayoutArchived } from "../../queries/layouts/set-layout-archived";
import { defineAction } from "../define-action";
import { layoutIdInput } from "./inputs";
import { existingLayout, layoutWriteCheck } from "./layout-checks";

/** Brings an archived layout back to the list. */
export const restoreLayout = defineAction({
  name: "layout.restore",
  input: layoutIdInput,
  authorize: (input) => layoutWriteCheck(db(), input.layoutId),
  run: async (input, { actor, tx }) => {
    const layout = await existingLayout(tx, input.layoutId);
    await assertCan(actor, [await layoutWriteCheck(tx, input.layoutId)]);
    if (!layout.archivedAt) return { data: { id: layout.id }, audit: null };
    await setLayoutArchived(tx, layout.id, null);
    return {
      data: { id: layout.id },
      audit: {
        targetType: "layout",
        targetId: layout.id,
        targetLabel: layout.name,
        before: { archivedAt: layout.archivedAt },
      },
    };
  },
});
