import { VRAM_WARNING_FRACTION } from "./rules/memory";

/** The admin's settings for plans and share links (Settings → Designer), stored as rows of the `setting` table. */
export interface DesignerSettings {
  /** Planned VRAM above this share of a card is a warning; new instances' defaults stay under it. */
  vramCeiling: number;
  /** Share links open only for signed-in people (the layout still travels in the link's fragment). */
  shareRequiresSignIn: boolean;
}

export const DEFAULT_DESIGNER_SETTINGS: DesignerSettings = {
  vramCeiling: VRAM_WARNING_FRACTION,
  shareRequiresSignIn: false,
};

/** The `setting` table's keys and their text form. */
export const SETTING_KEYS = {
  vramCeiling: "designer.vram-ceiling",
  shareRequiresSignIn: "share.require-sign-in",
} as const;

export const MIN_VRAM_CEILING = 0.5;

/** The settings from stored text; a missing or unreadable value is the default. */
export function designerSettingsFrom(stored: { vramCeiling: string | null; shareRequiresSignIn: string | null }) {
  const ceiling = Number(stored.vramCeiling);
  return {
    vramCeiling:
      stored.vramCeiling !== null && Number.isFinite(ceiling) && ceiling >= MIN_VRAM_CEILING && ceiling <= 1
        ? ceiling
        : DEFAULT_DESIGNER_SETTINGS.vramCeiling,
    shareRequiresSignIn: stored.shareRequiresSignIn === "true",
  } satisfies DesignerSettings;
}
