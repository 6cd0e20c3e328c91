"use server";

import { assertCan } from "../../auth/authorize";
import { db } from "../../queries/db";
import { countRunningInstances } from "../../queries/instances/count-running-instances";
import { setLayoutArchived } from "../../queries/layouts/set-layout-archived";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";
import { layoutIdInput } from "./inputs";
import { existingLayout, layoutWriteCheck } from "./layout-checks";

/** Archives a layout: it leaves the list, its revisions stay, and it can be restored. Not while instances of it run. */
export const archiveLayout = defineAction({
  name: "layout.archive",
  input: layoutIdInput,
  authorize: (input) => layoutWriteCheck(db(), input.layoutId),
  run: async (input, { actor, tx }) => {
    const layout = await existingLayout(tx, input.layoutId);
    await assertCan(actor, [await layoutWriteCheck(tx, input.layoutId)]);
    if (layout.archivedAt) return { data: { id: layout.id, archivedAt: layout.archivedAt.toISOString() }, audit: null };
    const running = await countRunningInstances(tx, layout.id);
    if (running > 0)
      throw new ActionError(
        `${running} instance(s) of "${layout.name}" are meant to run: stop them (Instances page) before archiving it.`,
        { status: 409 },
      );
    const archivedAt = new Date();
    await setLayoutArchived(tx, layout.id, archivedAt);
    return {
      data: { id: layout.id, archivedAt: archivedAt.toISOString() },
      audit: { targetType: "layout", targetId: layout.id, targetLabel: layout.name, after: { archivedAt } },
    };
  },
});
