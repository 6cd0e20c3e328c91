import { z } from "zod";

/** Settings → Designer: the VRAM ceiling in percent (as people type it) and whether share links need an account. */
export const updateDesignerSettingsInput = z.object({
  vramCeilingPercent: z
    .number({ error: "give the VRAM ceiling as a number of percent, e.g. 90" })
    .min(50, "a VRAM ceiling under 50 % wastes half of every card: use 50 to 100")
    .max(100, "a VRAM ceiling above 100 % is past the card: use 50 to 100")
    .multipleOf(0.5, "use whole or half percents, e.g. 90 or 92.5"),
  shareRequiresSignIn: z.boolean(),
});
export type UpdateDesignerSettingsInput = z.input<typeof updateDesignerSettingsInput>;
