"use client";

import { useState } from "react";
import { InputField } from "@/components/ui/field";
import { listGpus } from "@/lib/catalog";
import type { HostView } from "@/lib/queries/hosts/host-view";

const GPUS = listGpus().filter((g) => g.id !== "custom");
const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/** The host form's GPUs: simulated GPUs (always on the local simulated host), GPUs declared by hand, dcgm-exporter. */
export function GpuFields({
  kind,
  host,
  fieldErrors,
}: {
  kind: "docker" | "local-sim";
  host?: HostView;
  fieldErrors: Record<string, string[]>;
}) {
  const [simulated, setSimulated] = useState(host ? host.simulatedGpus !== null : false);
  const [declared, setDeclared] = useState(host ? host.declaredGpus !== null : false);
  const [declaredGpu, setDeclaredGpu] = useState(host?.declaredGpus?.gpuId ?? "rtx-4090d");
  const f = (name: string) => fieldErrors[name];
  return (
    <fieldset className="mb-3 text-sm">
      <legend className="font-medium">GPUs</legend>
      {kind === "docker" && (
        <label className="block">
          <input
            type="checkbox"
            name="simulated"
            checked={simulated}
            onChange={(e) => setSimulated(e.target.checked)}
          />{" "}
          Simulated GPUs on this daemon (engines run the simulator image)
        </label>
      )}
      {(simulated || kind === "local-sim") && (
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <input
            aria-label="Simulated GPU count"
            name="simCount"
            type="number"
            min={1}
            max={64}
            defaultValue={host?.simulatedGpus?.count ?? 4}
            className={`${selectClass} w-20`}
          />
          ×
          <select
            aria-label="Simulated GPU"
            name="simGpuId"
            defaultValue={host?.simulatedGpus?.gpuId ?? "rtx-4090d"}
            className={selectClass}
          >
            {GPUS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          {(f("simulatedGpus.gpuId") ?? f("simulatedGpus.count") ?? f("simulatedGpus"))?.map((m) => (
            <span key={m} className="text-xs text-red-700">
              {m}
            </span>
          ))}
        </div>
      )}
      {kind === "docker" && (
        <>
          <label className="mt-2 block">
            <input type="checkbox" name="declared" checked={declared} onChange={(e) => setDeclared(e.target.checked)} />{" "}
            Declare GPUs by hand (nothing to discover)
          </label>
          {declared && (
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <input
                aria-label="Declared GPU count"
                name="declaredCount"
                type="number"
                min={1}
                max={64}
                defaultValue={host?.declaredGpus?.count ?? 1}
                className={`${selectClass} w-20`}
              />
              ×
              <select
                aria-label="Declared GPU"
                name="declaredGpuId"
                value={declaredGpu}
                onChange={(e) => setDeclaredGpu(e.target.value)}
                className={selectClass}
              >
                {GPUS.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
                <option value="custom">custom (give its memory)</option>
              </select>
              {declaredGpu === "custom" && (
                <input
                  aria-label="Declared GPU memory"
                  name="declaredMemory"
                  placeholder="48GiB"
                  defaultValue={host?.declaredGpus?.memoryBytes ? String(host.declaredGpus.memoryBytes) : ""}
                  className={`${selectClass} w-28`}
                />
              )}
              {(f("declaredGpus.memoryBytes") ?? f("declaredGpus.gpuId") ?? f("declaredGpus"))?.map((m) => (
                <span key={m} className="text-xs text-red-700">
                  {m}
                </span>
              ))}
            </div>
          )}
          <div className="mt-2">
            <InputField
              label="dcgm-exporter URL (optional: discover from it instead of a probe container)"
              name="dcgmUrl"
              defaultValue={host?.dcgmUrl ?? ""}
              placeholder="http://gpu-node-1:9400/metrics"
              error={f("dcgmUrl")}
            />
          </div>
        </>
      )}
    </fieldset>
  );
}
