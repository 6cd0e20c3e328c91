import { formatBytes } from "@/lib/format";
import type { EngineFacts } from "@/lib/vocabulary/hosts";

/** What the daemon said at the last Test connection. */
export function EngineFactsList({ engine, checkedAt }: { engine: EngineFacts; checkedAt: Date | null }) {
  const rows: [string, string][] = [
    ["Docker", `${engine.engineVersion} (API ${engine.apiVersion})`],
    ["OS", `${engine.operatingSystem} · ${engine.architecture} · kernel ${engine.kernelVersion}`],
    ["CPUs / memory", `${engine.cpus} / ${formatBytes(engine.memoryBytes)}`],
    ["cgroup driver", `${engine.cgroupDriver}${engine.cgroupVersion ? ` (v${engine.cgroupVersion})` : ""}`],
    ["Storage driver", engine.storageDriver],
    ["NVIDIA runtime", engine.nvidiaRuntime ? "registered" : "not registered (GPU containers cannot start here)"],
  ];
  return (
    <dl data-testid="engine-facts" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {checkedAt && (
        <div className="contents">
          <dt className="text-slate-500">Tested</dt>
          <dd>{checkedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</dd>
        </div>
      )}
    </dl>
  );
}
