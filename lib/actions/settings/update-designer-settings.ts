"use server";

import { SETTING_KEYS } from "../../layout/settings";
import { getDesignerSettings } from "../../queries/settings/get-designer-settings";
import { upsertSetting } from "../../queries/settings/upsert-setting";
import { defineAction } from "../define-action";
import { updateDesignerSettingsInput } from "./inputs";

/** Settings → Designer (admins): the VRAM ceiling every plan is judged against, and whether share links need sign-in. */
export const updateDesignerSettings = defineAction({
  name: "settings.designer",
  input: updateDesignerSettingsInput,
  authorize: () => ({ action: "settings.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const before = await getDesignerSettings(tx);
    const after = { vramCeiling: input.vramCeilingPercent / 100, shareRequiresSignIn: input.shareRequiresSignIn };
    await upsertSetting(tx, SETTING_KEYS.vramCeiling, String(after.vramCeiling));
    await upsertSetting(tx, SETTING_KEYS.shareRequiresSignIn, String(after.shareRequiresSignIn));
    return { data: after, audit: { targetType: "settings", targetId: "designer", before, after } };
  },
});
