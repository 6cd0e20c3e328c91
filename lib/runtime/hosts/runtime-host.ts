import type { DockerEndpoint } from "../docker/endpoint-schema";

/**
 * A registered host as the runtime sees it: how to reach it and which GPUs it has. The hosts code builds these from
 * the host table and its stored (decrypted) credentials; the reconciler, the health poller, GPU discovery and the
 * metrics scraper read them. Nothing else should need to know how a host is stored.
 */
export type RuntimeHostKind =
  /** A Docker Engine reached at `endpoint` (unix socket, TCP + TLS, or SSH). */
  | "docker"
  /** The embedded default when no Docker daemon is reachable: engines run as child processes of the simulator. */
  | "local-sim";

/** GPUs played by the simulator (`fleetdeck-sim`): a catalog GPU kind and how many. */
export interface SimulatedGpus {
  gpuId: string;
  count: number;
}

export interface RuntimeGpu {
  index: number;
  uuid?: string;
  /** Catalog GPU id, or "custom". */
  gpuId: string;
  memoryBytes: number;
}

export interface RuntimeHost {
  id: string;
  name: string;
  labels: Record<string, string>;
  kind: RuntimeHostKind;
  /** Set when kind is "docker". */
  endpoint?: DockerEndpoint;
  /** Set when the host's GPUs are simulated (a real daemon running the simulator image, or the local-sim host). */
  simulatedGpus?: SimulatedGpus;
  /** Discovered (nvidia-smi, dcgm-exporter) or declared GPUs, by index. */
  gpus: RuntimeGpu[];
  /** Added by the hosts work: dcgm-exporter's metrics URL when the host has one (GPU discovery, metrics). */
  dcgmUrl?: string;
}
