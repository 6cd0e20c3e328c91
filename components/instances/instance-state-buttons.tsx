"use client";

import { startInstance } from "@/lib/actions/instances/start-instance";
import { stopInstance } from "@/lib/actions/instances/stop-instance";
import { useAction } from "@/components/ui/use-action";

export function InstanceStateButtons({
  instanceId,
  instanceKey,
  desiredState,
}: {
  instanceId: string;
  instanceKey: string;
  desiredState: string;
}) {
  const start = useAction(startInstance);
  const stop = useAction(stopInstance);
  const error = start.error ?? stop.error;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {desiredState !== "running" && (
        <button
          type="button"
          className="text-sm underline"
          aria-label={`Start ${instanceKey}`}
          disabled={start.pending}
          onClick={() => start.run({ instanceId })}
        >
          Start
        </button>
      )}
      {desiredState !== "stopped" && (
        <button
          type="button"
          className="text-sm underline"
          aria-label={`Stop ${instanceKey}`}
          disabled={stop.pending}
          onClick={() => stop.run({ instanceId })}
        >
          Stop
        </button>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
