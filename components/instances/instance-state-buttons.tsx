"use client";

import { useState } from "react";
import { restartInstance } from "@/lib/actions/instances/restart-instance";
import { scaleInstance } from "@/lib/actions/instances/scale-instance";
import { startInstance } from "@/lib/actions/instances/start-instance";
import { stopInstance } from "@/lib/actions/instances/stop-instance";
import { useAction } from "@/components/ui/use-action";

const linkButton = "text-sm underline disabled:opacity-50";

/** Start, stop, restart and scale one instance; each action only records desired state and returns at once. */
export function InstanceStateButtons({
  instanceId,
  instanceKey,
  desiredState,
  replicas,
}: {
  instanceId: string;
  instanceKey: string;
  desiredState: string;
  replicas: number;
}) {
  const start = useAction(startInstance);
  const stop = useAction(stopInstance);
  const restart = useAction(restartInstance);
  const scale = useAction(scaleInstance);
  const [count, setCount] = useState(replicas);
  const error = start.error ?? stop.error ?? restart.error ?? scale.error;
  const running = desiredState === "running";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {!running && (
        <button
          type="button"
          className={linkButton}
          aria-label={`Start ${instanceKey}`}
          disabled={!start.ready}
          onClick={() => start.run({ instanceId })}
        >
          Start
        </button>
      )}
      {running && (
        <>
          <button
            type="button"
            className={linkButton}
            aria-label={`Stop ${instanceKey}`}
            disabled={!stop.ready}
            onClick={() => stop.run({ instanceId })}
          >
            Stop
          </button>
          <button
            type="button"
            className={linkButton}
            aria-label={`Restart ${instanceKey}`}
            disabled={!restart.ready}
            onClick={() => restart.run({ instanceId })}
          >
            Restart
          </button>
          <form
            className="inline-flex items-center gap-1"
            aria-label={`Scale ${instanceKey}`}
            onSubmit={(e) => {
              e.preventDefault();
              scale.run({ instanceId, replicas: count });
            }}
          >
            <input
              type="number"
              min={1}
              max={16}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
              disabled={!scale.ready}
              aria-label={`Replicas of ${instanceKey}`}
              className="w-14 rounded border border-slate-300 px-1 text-sm dark:border-slate-700 dark:bg-slate-950"
            />
            <button type="submit" className={linkButton} disabled={!scale.ready || count === replicas}>
              Scale
            </button>
          </form>
        </>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
