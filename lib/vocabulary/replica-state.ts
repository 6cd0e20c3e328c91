/**
 * What a replica's container is doing, as the reconciler observes it. Shared by the runtime (which records it), the
 * queries, the API and the pages (which show it).
 */
export const REPLICA_STATES = [
  "pending",
  "pulling",
  "creating",
  "loading",
  "healthy",
  "unhealthy",
  "exited",
  "stopping",
  "stopped",
  "unreachable",
  "failed",
] as const;

export type ReplicaState = (typeof REPLICA_STATES)[number];

export const isReplicaState = (value: string): value is ReplicaState =>
  (REPLICA_STATES as readonly string[]).includes(value);

/** What each state means, for people (tooltips, the legend). */
export const REPLICA_STATE_MEANING: Record<ReplicaState, string> = {
  pending: "applied; the reconciler has not acted yet",
  pulling: "the host is pulling the image",
  creating: "the container is being created or started",
  loading: "the engine runs and loads the model; it does not answer /health yet",
  healthy: "the engine answers /health",
  unhealthy: "the engine stopped answering /health",
  exited: "the engine exited; Docker restarts it (see the exit code and its last log lines)",
  stopping: "the container is being stopped",
  stopped: "stopped on purpose",
  unreachable: "the host cannot be reached; the desired state waits until it can",
  failed: "the reconciler could not act on this replica and backs off before trying again",
};

/** States in which the replica is on its way up (the reconciler looks again sooner). */
export const CONVERGING_STATES: ReadonlySet<ReplicaState> = new Set([
  "pending",
  "pulling",
  "creating",
  "loading",
  "stopping",
]);
