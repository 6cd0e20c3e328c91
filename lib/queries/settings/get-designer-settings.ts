import "server-only";
import { type DesignerSettings, designerSettingsFrom, SETTING_KEYS } from "../../layout/settings";
import type { DbClient } from "../db";
import { findSetting } from "./find-setting";

/** The VRAM ceiling and the share-link rule, with their defaults where no admin set them. */
export async function getDesignerSettings(client: DbClient): Promise<DesignerSettings> {
  const [vramCeiling, shareRequiresSignIn] = await Promise.all([
    findSetting(client, SETTING_KEYS.vramCeiling),
    findSetting(client, SETTING_KEYS.shareRequiresSignIn),
  ]);
  return designerSettingsFrom({ vramCeiling, shareRequiresSignIn });
}
