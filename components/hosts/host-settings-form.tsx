"use client";

import { primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { updateHostSettings } from "@/lib/actions/hosts/update-host-settings";
import type { HostSettings } from "@/lib/vocabulary/host-settings";

/** GPU discovery and health polling settings (admins). */
export function HostSettingsForm({ settings }: { settings: HostSettings }) {
  const save = useAction(updateHostSettings);
  const f = save.fieldErrors;
  return (
    <form
      aria-label="Discovery and health settings"
      className="grid gap-x-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const text = (name: string) => String(form.get(name) ?? "").trim();
        const timeout = text("healthTimeoutMs");
        save.run({
          probeImage: text("probeImage"),
          simImage: text("simImage"),
          probeEnv: text("probeEnv")
            .split("\n")
            .map((line) => line.trim())
            .filter(Boolean),
          probeTimeoutMs: Number(text("probeTimeoutMs")),
          healthIntervalMs: Number(text("healthIntervalMs")),
          ...(timeout && { healthTimeoutMs: Number(timeout) }),
        });
      }}
    >
      <div className="md:col-span-2">
        <FormError message={save.error} />
      </div>
      <InputField
        label="Probe image (hosts with real GPUs)"
        name="probeImage"
        defaultValue={settings.probeImage}
        error={f.probeImage}
      />
      <InputField
        label="Simulator image (hosts with simulated GPUs)"
        name="simImage"
        defaultValue={settings.simImage}
        error={f.simImage}
      />
      <InputField
        label="Probe timeout (ms)"
        name="probeTimeoutMs"
        inputMode="numeric"
        defaultValue={settings.probeTimeoutMs}
        error={f.probeTimeoutMs}
      />
      <InputField
        label="Health check interval (ms)"
        name="healthIntervalMs"
        inputMode="numeric"
        defaultValue={settings.healthIntervalMs}
        error={f.healthIntervalMs}
      />
      <InputField
        label="Per-host health timeout (ms; blank: half the interval, at most 5000)"
        name="healthTimeoutMs"
        inputMode="numeric"
        defaultValue={settings.healthTimeoutMs ?? ""}
        error={f.healthTimeoutMs}
      />
      <label className="mb-3 block text-sm">
        <span className="mb-1 block font-medium">Probe environment (KEY=VALUE per line)</span>
        <textarea
          name="probeEnv"
          rows={2}
          defaultValue={settings.probeEnv.join("\n")}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        />
        {f.probeEnv && <span className="text-xs text-red-700">{f.probeEnv.join("; ")}</span>}
      </label>
      <div className="md:col-span-2">
        <button type="submit" className={primaryButtonClass} disabled={!save.ready}>
          Save settings
        </button>
      </div>
    </form>
  );
}
