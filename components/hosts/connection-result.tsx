import type { HostConnectionTest } from "@/lib/actions/hosts/test-host-connection";
import type { DiscoveryResult } from "@/lib/runtime/hosts/discover-host-gpus";

const box = "mt-2 rounded-md border p-2 text-sm";

/** The answer of Test connection: the round trip and the facts (the facts themselves show on the card), or the failing step. */
export function ConnectionResult({ result }: { result: HostConnectionTest }) {
  if (result.ok && result.simulated)
    return (
      <p role="status" className={`${box} border-amber-300 bg-amber-50 dark:bg-amber-950`}>
        The local simulated host has no daemon to reach: its engines run as simulator processes on this machine.
      </p>
    );
  if (result.ok)
    return (
      <p role="status" className={`${box} border-emerald-300 bg-emerald-50 dark:bg-emerald-950`}>
        Connected: Docker {result.engine.engineVersion} (API {result.engine.apiVersion}), round trip {result.rttMs} ms,
        first connection {result.connectMs} ms.
        {result.sshHostKeySha256 ? ` SSH host key ${result.sshHostKeySha256}.` : ""}
      </p>
    );
  return (
    <div role="alert" className={`${box} border-red-300 bg-red-50 dark:bg-red-950`}>
      <p>
        <strong>Failed at {result.failure.step}:</strong> {result.failure.message}
      </p>
      <p className="text-xs">Fix: {result.failure.fix}</p>
    </div>
  );
}

export function DiscoveryMessage({ result }: { result: DiscoveryResult }) {
  if (result.ok)
    return (
      <p role="status" className={`${box} border-emerald-300 bg-emerald-50 dark:bg-emerald-950`}>
        Found {result.gpus.length} GPU{result.gpus.length === 1 ? "" : "s"} via {result.via} in {result.durationMs} ms.
      </p>
    );
  return (
    <div role="alert" className={`${box} border-red-300 bg-red-50 dark:bg-red-950`}>
      <p>
        <strong>Discovery failed at {result.failure.step}:</strong> {result.failure.message}
      </p>
      <p className="text-xs">Fix: {result.failure.fix}</p>
    </div>
  );
}
