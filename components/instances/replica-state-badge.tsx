import { isReplicaState, REPLICA_STATE_MEANING, type ReplicaState } from "@/lib/vocabulary/replica-state";

const TONE: Record<ReplicaState, string> = {
  pending: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  pulling: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  creating: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  loading: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  healthy: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  unhealthy: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  exited: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  stopping: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  stopped: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  unreachable: "bg-purple-100 text-purple-900 dark:bg-purple-950 dark:text-purple-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

/** A replica's observed state, its meaning on hover; the exit code when it exited. */
export function ReplicaStateBadge({ state, exitCode }: { state: string; exitCode?: number | null }) {
  const known = isReplicaState(state) ? state : null;
  return (
    <span
      data-state={state}
      title={known ? REPLICA_STATE_MEANING[known] : undefined}
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${known ? TONE[known] : TONE.pending}`}
    >
      {state}
      {exitCode !== null && exitCode !== undefined && state === "exited" ? ` (${exitCode})` : ""}
    </span>
  );
}
