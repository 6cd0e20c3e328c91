import type { ContainerSpec } from "../spec/container-spec";
import type { ManagedLabels, ReplicaKey } from "../spec/labels";

/** Docker's container states (`docker ps` STATUS before the details). */
export type ContainerState = "created" | "running" | "restarting" | "paused" | "exited" | "dead" | "removing";
export type ContainerHealth = "starting" | "healthy" | "unhealthy";

/** A container as a host lists it. `labels` is null when the container does not carry a full set of ours. */
export interface ObservedContainer {
  id: string;
  name: string;
  hostId: string;
  labels: ManagedLabels | null;
  state: ContainerState;
  health: ContainerHealth | null;
  /** From "Exited (137) …" or "Restarting (1) …". */
  exitCode: number | null;
  createdAtMs: number;
  /** The host port the engine is published on, when listed. */
  hostPort: number | null;
}

/** One replica as the database wants it. */
export interface DesiredReplica {
  key: ReplicaKey;
  hostId: string;
  running: boolean;
  /** Null when no spec could be built (the error is shown on the replica); nothing is created for it then. */
  spec: ContainerSpec | null;
  /** Back-off: no create, start or replace before this time (stops and removals are never held back). */
  retryAtMs?: number;
}

export type RemoveReason = "orphan" | "duplicate" | "moved";

export type ReconcileAction =
  | { kind: "create"; hostId: string; key: string; spec: ContainerSpec }
  | { kind: "start"; hostId: string; key: string; containerId: string }
  | { kind: "stop"; hostId: string; key: string; containerId: string }
  | { kind: "replace"; hostId: string; key: string; containerId: string; spec: ContainerSpec }
  | { kind: "remove"; hostId: string; key: string; containerId: string; reason: RemoveReason };
