"use client";

import { useState } from "react";
import { saveRuntimeSettings } from "@/lib/actions/settings/save-runtime-settings";
import { primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { RuntimeSettings } from "@/lib/vocabulary/runtime-settings";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

const textareaClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950";

/** Settings → Runtime: which images may run, the Hugging Face cache, HF_TOKEN, the simulator's knobs. */
export function RuntimeSection({ settings, tokenSecrets }: { settings: RuntimeSettings; tokenSecrets: string[] }) {
  const save = useAction(saveRuntimeSettings);
  const [cacheKind, setCacheKind] = useState(settings.hfCache.kind);
  const [saved, setSaved] = useState(false);
  const errors = save.fieldErrors;
  return (
    <section aria-labelledby="runtime-heading" className="mb-10">
      <h2 id="runtime-heading" className="mb-2 text-lg font-semibold">
        Runtime
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        What engine containers may run and with what. Images not on the allow-list are refused; the Hugging Face cache
        is a named volume or an allowed host path, nothing else is mounted. Changing these replaces the containers whose
        spec they change.
      </p>
      <FormError message={save.error} />
      {saved && !save.error && (
        <p role="status" className="mb-3 text-sm text-emerald-700 dark:text-emerald-400">
          Runtime settings saved.
        </p>
      )}
      <form
        aria-label="Runtime settings"
        className="grid max-w-2xl gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const load = String(f.get("simLoadSeconds") ?? "").trim();
          const secret = String(f.get("hfTokenSecret") ?? "");
          setSaved(false);
          save.run(
            {
              imageAllowList: lines(String(f.get("imageAllowList"))),
              simImage: String(f.get("simImage")),
              hfCache:
                cacheKind === "volume"
                  ? { kind: "volume", name: String(f.get("hfCacheName")) }
                  : { kind: "host-path", path: String(f.get("hfCachePath")) },
              hfCacheAllowedPaths: lines(String(f.get("hfCacheAllowedPaths"))),
              ...(secret && { hfTokenSecret: secret }),
              ...(load && { simLoadSeconds: Number(load) }),
            },
            () => setSaved(true),
          );
        }}
      >
        <label className="block text-sm font-medium" htmlFor="imageAllowList">
          Image allow-list (one per line; repository:* allows every tag)
        </label>
        <textarea
          id="imageAllowList"
          name="imageAllowList"
          rows={4}
          className={textareaClass}
          defaultValue={settings.imageAllowList.join("\n")}
          aria-invalid={errors.imageAllowList ? true : undefined}
        />
        {errors.imageAllowList && <p className="text-xs text-red-700">{errors.imageAllowList.join("; ")}</p>}
        <InputField
          label="Simulator image (simulated-GPU hosts)"
          name="simImage"
          defaultValue={settings.simImage}
          error={errors.simImage}
        />
        <fieldset className="mb-3 text-sm">
          <legend className="font-medium">Hugging Face cache</legend>
          <label className="mr-4">
            <input
              type="radio"
              name="hfCacheKind"
              checked={cacheKind === "volume"}
              onChange={() => setCacheKind("volume")}
            />{" "}
            named volume
          </label>
          <label>
            <input
              type="radio"
              name="hfCacheKind"
              checked={cacheKind === "host-path"}
              onChange={() => setCacheKind("host-path")}
            />{" "}
            allowed host path
          </label>
        </fieldset>
        {cacheKind === "volume" ? (
          <InputField
            label="Cache volume"
            name="hfCacheName"
            defaultValue={settings.hfCache.kind === "volume" ? settings.hfCache.name : "fleetdeck-hf-cache"}
            error={errors["hfCache.name"]}
          />
        ) : (
          <InputField
            label="Cache host path"
            name="hfCachePath"
            defaultValue={settings.hfCache.kind === "host-path" ? settings.hfCache.path : ""}
            error={errors["hfCache.path"]}
          />
        )}
        <label className="block text-sm font-medium" htmlFor="hfCacheAllowedPaths">
          Allowed host paths for the cache (one per line)
        </label>
        <textarea
          id="hfCacheAllowedPaths"
          name="hfCacheAllowedPaths"
          rows={2}
          className={textareaClass}
          defaultValue={settings.hfCacheAllowedPaths.join("\n")}
        />
        <label className="mt-2 block text-sm font-medium" htmlFor="hfTokenSecret">
          HF_TOKEN from the secret
        </label>
        <select
          id="hfTokenSecret"
          name="hfTokenSecret"
          defaultValue={settings.hfTokenSecret ?? ""}
          className="mb-3 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          <option value="">none</option>
          {tokenSecrets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <InputField
          label="Simulated load time in seconds (empty: the simulator's default)"
          name="simLoadSeconds"
          type="number"
          min={0}
          step="any"
          defaultValue={settings.simLoadSeconds ?? ""}
          error={errors.simLoadSeconds}
        />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={!save.ready}>
            Save runtime settings
          </button>
        </div>
      </form>
    </section>
  );
}
