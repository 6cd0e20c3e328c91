import "server-only";
import { VRAM_WARNING_FRACTION } from "../../layout/rules/memory";
import type { DbClient } from "../db";
import { findSetting } from "../settings/find-setting";

/** The designer-ux stream's setting key for the admin's VRAM ceiling (Settings → Designer). */
const VRAM_CEILING_KEY = "designer.vram-ceiling";

/**
 * The VRAM ceiling the GPU charts draw and colour by: the admin's setting when there is one, else the seed's 90 %.
 * The one place the metrics side reads it. WIRING: once the designer-ux stream lands, return
 * `(await getDesignerSettings(client)).vramCeiling` (lib/queries/settings/get-designer-settings.ts) instead.
 */
export async function readVramCeiling(client: DbClient): Promise<number> {
  const stored = Number(await findSetting(client, VRAM_CEILING_KEY));
  return Number.isFinite(stored) && stored >= 0.5 && stored <= 1 ? stored : VRAM_WARNING_FRACTION;
}
