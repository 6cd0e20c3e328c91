import { ENGINE_KNOBS } from "@/lib/designer/engine-knobs";
import { formatBytes } from "@/lib/format";
import type { Instance } from "@/lib/vocabulary/layout-schema";

const ENGINE_NAME = { vllm: "vLLM", tgi: "TGI" } as const;
const orDefault = (v: number | string | undefined, fallback = "engine default") =>
  v === undefined || v === "" ? fallback : String(v);

/** The instance's settings as text, for people who may not change them (no disabled inputs to puzzle over). */
export function InstanceSettingsList({ instance }: { instance: Instance }) {
  const rows: [string, string][] = [
    ["Model", instance.model],
    ["Engine", ENGINE_NAME[instance.engine]],
    ["Quantization", orDefault(instance.quantization, "auto-detect")],
    ["Tensor parallel (GPUs)", String(instance.tp)],
    ...ENGINE_KNOBS[instance.engine].map((knob): [string, string] => {
      const value = knob.read(instance);
      const shown = knob.kind === "choice" ? (knob.options.find((o) => o.value === value)?.label ?? value) : value;
      return [knob.label, orDefault(shown)];
    }),
    ["Memory limit", instance.limits.memoryBytes === undefined ? "none" : formatBytes(instance.limits.memoryBytes)],
    ["CPU limit", orDefault(instance.limits.cpus, "none")],
    [
      "Shared memory",
      instance.limits.shmBytes === undefined ? "Docker's 64 MiB" : formatBytes(instance.limits.shmBytes),
    ],
    ["Port", orDefault(instance.port, "engine's container port")],
  ];
  return (
    <dl
      aria-label={`Settings of ${instance.id}`}
      className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm"
    >
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="break-words text-slate-600 dark:text-slate-400">{term}</dt>
          <dd className="break-words tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
