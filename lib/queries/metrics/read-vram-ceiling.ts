import "server-only";
import type { DbClient } from "../db";
import { getDesignerSettings } from "../settings/get-designer-settings";

/** The VRAM ceiling the GPU charts draw and colour by: the admin's designer setting, else its default. */
export async function readVramCeiling(client: DbClient): Promise<number> {
  return (await getDesignerSettings(client)).vramCeiling;
}
