import type { ScrapeTarget } from "../scrape/scrape-target";

/**
 * What fleetdeck manages, as the metrics side needs it: the instances with where each replica answers, and the
 * hosts with their exporters. The scraper's targets, Prometheus service discovery, the charts' names and the
 * authorization of every metrics read derive from this one shape (ids, never names, are the series labels).
 */
export interface MetricsReplica {
  replica: number;
  /** Where the engine answers, `http://host:port` (its `/metrics`, `/v1/…`); null while it has none. */
  endpoint: string | null;
  /** The runtime's observed state of the replica (healthy, loading, exited, …). */
  state: string;
  hostId: string | null;
  gpuIndices: number[];
  /** A file holding the engine's output, when the runtime keeps one (the start-up log is parsed from it). */
  logFile?: string;
  /** The container the runtime made for it, when there is one (its log holds the start-up lines). */
  containerId?: string;
}

export interface MetricsInstance {
  id: string;
  instanceKey: string;
  layoutId: string;
  layoutName: string;
  revisionId: string;
  engine: "vllm" | "tgi";
  model: string;
  hostId: string | null;
  hostName: string | null;
  hostLabels: Record<string, string>;
  gpuIndices: number[];
  desiredState: string;
  observedState: string;
  /** The instance as applied (the layout's Instance document), for the planned budget. */
  spec: unknown;
  /** The GPU the plan put it on (the revision's slot: catalog id, or a custom size); null when unknown. */
  /** The planned slot's card; `wsl2` when its planned host runs under WSL2. */
  plannedGpu: { gpuId: string; memoryBytes?: number; wsl2?: boolean } | null;
  replicas: MetricsReplica[];
}

export interface MetricsHostGpu {
  index: number;
  name: string;
  memoryBytes: number;
}

export interface MetricsHost {
  id: string;
  name: string;
  labels: Record<string, string>;
  /** dcgm-exporter's (or the simulator's gpu-exporter) `/metrics` URL; null when the host has none. */
  gpuExporterUrl: string | null;
  /** node_exporter's `/metrics` URL; null when the host has none. */
  nodeExporterUrl: string | null;
  gpus: MetricsHostGpu[];
}

export interface MetricsInventory {
  instances: MetricsInstance[];
  hosts: MetricsHost[];
}

/** Reads the inventory (the database, plus the static targets file); called every scrape interval. */
export type MetricsInventorySource = () => Promise<MetricsInventory>;

/** The embedded scraper's targets, read every interval. */
export type MetricsTargetProvider = () => Promise<ScrapeTarget[]>;

/** Replica states in which an engine listens, so it is scraped (a loading one is not up yet). */
export const SCRAPED_REPLICA_STATES: ReadonlySet<string> = new Set(["healthy", "unhealthy", "running"]);
