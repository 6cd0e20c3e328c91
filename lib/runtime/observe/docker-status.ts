import type { ContainerHealth, ContainerState } from "../planner/types";

const STATES: readonly ContainerState[] = ["created", "running", "restarting", "paused", "exited", "dead", "removing"];

export function containerState(state: string): ContainerState {
  return (STATES as readonly string[]).includes(state) ? (state as ContainerState) : "dead";
}

/** The health in `docker ps`'s status: "Up 3 seconds (healthy)", "Up 1 second (health: starting)". */
export function healthFromStatus(status: string): ContainerHealth | null {
  if (/\(health: starting\)/.test(status)) return "starting";
  if (/\(unhealthy\)/.test(status)) return "unhealthy";
  if (/\(healthy\)/.test(status)) return "healthy";
  return null;
}

/** The exit code in "Exited (137) 5 minutes ago" or "Restarting (1) 2 seconds ago". */
export function exitCodeFromStatus(status: string): number | null {
  const match = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : null;
}
