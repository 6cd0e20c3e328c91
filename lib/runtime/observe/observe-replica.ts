import type { ReplicaState } from "../../vocabulary/replica-state";
import type { ObservedContainer } from "../planner/types";
import { errorLine, progressLine } from "./log-lines";

/** What the reconciler records for one replica after a pass. */
export interface ReplicaObservation {
  state: ReplicaState;
  detail: string | null;
  exitCode: number | null;
  containerId: string | null;
  /** Set only when the logs were read in this pass (loading or exited); otherwise the stored tail is kept. */
  logTail?: string[];
}

export interface ObserveInput {
  running: boolean;
  /** Why this host could not be listed; the replica is then unreachable. */
  unreachable?: string;
  /** The spec could not be built, or the last action failed (it backs off). */
  error?: string | null;
  pulling?: string | null;
  container: ObservedContainer | undefined;
  /** The server's own GET /health on the published port: true, false, or undefined when not probed. */
  answers?: boolean;
  logLines?: string[];
}

/** A replica's state from its container, the server's health probe and the engine's log. Pure. */
export function observeReplica(input: ObserveInput): ReplicaObservation {
  const c = input.container;
  const base = { containerId: c?.id ?? null, exitCode: null, detail: null };
  if (input.unreachable) return { ...base, state: "unreachable", detail: input.unreachable };
  if (!c) {
    if (!input.running) return { ...base, state: "stopped" };
    if (input.pulling) return { ...base, state: "pulling", detail: input.pulling };
    if (input.error) return { ...base, state: "failed", detail: input.error };
    return { ...base, state: "creating" };
  }
  if (!input.running) {
    const busy = c.state === "running" || c.state === "restarting";
    return { ...base, state: busy ? "stopping" : "stopped" };
  }
  const lines = input.logLines;
  switch (c.state) {
    case "running":
      if (c.health === "healthy" || input.answers === true) return { ...base, state: "healthy" };
      if (c.health === "unhealthy")
        return { ...base, state: "unhealthy", detail: "the engine does not answer /health" };
      return {
        ...base,
        state: "loading",
        detail: lines ? progressLine(lines) : null,
        ...(lines && { logTail: lines }),
      };
    case "restarting":
    case "exited":
    case "dead":
      return {
        ...base,
        state: "exited",
        exitCode: c.exitCode,
        detail: lines ? errorLine(lines) : null,
        ...(lines && { logTail: lines }),
      };
    case "paused":
      return { ...base, state: "unhealthy", detail: "the container is paused (docker unpause it)" };
    default:
      return input.error ? { ...base, state: "failed", detail: input.error } : { ...base, state: "creating" };
  }
}

/** Whether this pass should read the container's last log lines for the replica. */
export function needsLogs(container: ObservedContainer | undefined, running: boolean, answers: boolean | undefined) {
  if (!container || !running) return false;
  if (container.state === "running") return container.health !== "healthy" && answers !== true;
  return container.state === "restarting" || container.state === "exited" || container.state === "dead";
}
