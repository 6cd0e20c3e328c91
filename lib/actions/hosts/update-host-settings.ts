"use server";

import { findHostSettings } from "../../queries/settings/find-host-settings";
import { upsertSetting } from "../../queries/settings/upsert-setting";
import { HOST_SETTINGS_KEY } from "../../vocabulary/host-settings";
import { defineAction } from "../define-action";
import { updateHostSettingsInput } from "./inputs";

/** The probe and simulator images, the probe's environment and timeout, the health poll's interval and timeout. */
export const updateHostSettings = defineAction({
  name: "host.settings",
  input: updateHostSettingsInput,
  authorize: () => ({ action: "host.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const before = await findHostSettings(tx);
    await upsertSetting(tx, HOST_SETTINGS_KEY, JSON.stringify(input));
    return { data: input, audit: { targetType: "setting", targetId: HOST_SETTINGS_KEY, before, after: input } };
  },
});
