"use server";

import { upsertSetting } from "../../queries/settings/upsert-setting";
import { nudgeRuntime } from "../../server/runtime-nudge";
import { RUNTIME_SETTINGS_KEY } from "../../vocabulary/runtime-settings";
import { runtimeSettingsSchema } from "../../vocabulary/runtime-settings";
import { defineAction } from "../define-action";

/**
 * Settings → Runtime (admins): the image allow-list, the Hugging Face cache, the HF_TOKEN secret, the simulator's
 * knobs. Containers whose spec these change are replaced by the reconciler.
 */
export const saveRuntimeSettings = defineAction({
  name: "settings.runtime",
  input: runtimeSettingsSchema,
  authorize: () => ({ action: "settings.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const before = await upsertSetting(tx, RUNTIME_SETTINGS_KEY, JSON.stringify(input));
    return {
      data: input,
      audit: {
        targetType: "setting",
        targetId: RUNTIME_SETTINGS_KEY,
        before: before ? JSON.parse(before) : null,
        after: input,
      },
    };
  },
  afterCommit: nudgeRuntime,
});
