"use client";

import { useState } from "react";
import { primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { updateDesignerSettings } from "@/lib/actions/settings/update-designer-settings";
import type { DesignerSettings } from "@/lib/layout/settings";

/** Settings → Designer (admins): the VRAM ceiling plans are judged against, and whether share links need an account. */
export function DesignerSettingsSection({ settings }: { settings: DesignerSettings }) {
  const update = useAction(updateDesignerSettings);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="designer-settings-heading" className="mb-10">
      <h2 id="designer-settings-heading" className="mb-2 text-lg font-semibold">
        Designer and share links
      </h2>
      <form
        aria-label="Designer settings"
        className="max-w-xl"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setSaved(false);
          const raw = String(f.get("vramCeilingPercent") ?? "").trim();
          update.run(
            {
              vramCeilingPercent: raw === "" ? Number.NaN : Number(raw),
              shareRequiresSignIn: f.get("shareRequiresSignIn") === "on",
            },
            () => setSaved(true),
          );
        }}
      >
        <FormError message={update.error} />
        <InputField
          label="VRAM ceiling (%)"
          name="vramCeilingPercent"
          inputMode="decimal"
          defaultValue={String(Math.round(settings.vramCeiling * 1000) / 10)}
          error={update.fieldErrors.vramCeilingPercent}
        />
        <p className="-mt-2 mb-3 text-xs text-slate-600 dark:text-slate-400">
          Planned GPU memory above this share of a card is a warning, and new instances start with the memory share that
          stays under it. The seed's operators keep 90 %.
        </p>
        <label className="mb-3 flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="shareRequiresSignIn"
            defaultChecked={settings.shareRequiresSignIn}
            className="mt-1"
          />
          <span>
            Share links need sign-in
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              Off: anyone with a link sees its layout (it travels in the link, nothing of this server is shown). On:
              they sign in first, and come back to the same link.
            </span>
          </span>
        </label>
        <button type="submit" className={primaryButtonClass} disabled={!update.ready}>
          Save designer settings
        </button>
        {saved && (
          <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
            Saved.
          </p>
        )}
      </form>
    </section>
  );
}
