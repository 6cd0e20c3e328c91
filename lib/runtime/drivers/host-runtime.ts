import type { ObservedContainer } from "../planner/types";
import type { ContainerSpec } from "../spec/container-spec";

/**
 * What the reconciler needs from one host, whatever runs the engines there: a Docker daemon (`docker`) or the
 * simulator's child processes on this machine (`local-sim`). Every call settles within its own deadline.
 */
export interface HostRuntime {
  readonly hostId: string;
  readonly kind: "docker" | "local-sim";
  /** Where the server reaches the ports this host publishes (endpoints, /health probes, "try it"). */
  readonly address: string;
  /** What the spec builder needs to know about the host (cached after the first answer). */
  facts(): Promise<HostFacts>;
  /** The containers of this installation made for this host (labels fleetdeck.managed, .installation and .host). */
  list(installationId: string): Promise<ObservedContainer[]>;
  /** Creates and starts the container; null while its image is still being pulled. */
  create(spec: ContainerSpec): Promise<string | null>;
  /** A line for people while `image` is being pulled on this host, else null. */
  pulling(image: string): string | null;
  start(id: string): Promise<void>;
  stop(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** The last `tail` lines of stdout and stderr, in the order they were written. */
  logs(id: string, tail: number): Promise<string[]>;
  /** The last `tail` lines, then every new line until `signal` aborts or the container goes away. */
  followLogs(id: string, options: { tail: number; signal: AbortSignal }): AsyncIterable<string>;
  /** Calls `onChange` when a container of ours changes (Docker events); returns the unsubscribe. */
  watch(onChange: () => void): { close(): void; readonly closed: boolean };
  close(): void;
}

export interface HostFacts {
  cpuCores: number;
}

/** An error for people: what failed on which host, with the daemon's own message. */
export class RuntimeError extends Error {
  constructor(
    message: string,
    readonly code: "unreachable" | "conflict" | "refused" | "not-found" | "timeout" = "refused",
  ) {
    super(message);
    this.name = "RuntimeError";
  }
}
