/** What the Metrics page knows before it asks for series: names, placements, plans and permissions. */
export interface PageInstance {
  id: string;
  instanceKey: string;
  layoutName: string;
  revisionId: string;
  engine: "vllm" | "tgi";
  model: string;
  hostId: string | null;
  hostName: string | null;
  gpuIndices: number[];
  desiredState: string;
  observedState: string;
  /** Replicas that run (scraped, and a load test may target them). */
  runningReplicas: number[];
  /** The caller may send it test load (operators within their grants, admins). */
  mayLoad: boolean;
}

export interface PageHost {
  id: string;
  name: string;
  gpus: { index: number; name: string; memoryBytes: number }[];
  hasGpuExporter: boolean;
  hasNodeExporter: boolean;
}

/** The plan's memory on one GPU, summed over the instances planned on it: the GPU charts' reference lines. */
export interface PlannedGpu {
  hostId: string;
  gpu: number;
  memoryBytes: number;
  /** Weights, activation, non-torch and CUDA graphs. */
  weightsAndOverheadBytes: number;
  /** The above plus the KV cache. */
  withKvBytes: number;
  /** What the card is planned to hold in all (the budget plus what the engine does not count in it). */
  projectedUsedBytes: number;
  instanceIds: string[];
}

export interface MetricsPageData {
  mode: "embedded" | "prometheus";
  intervalMs: number;
  /** The share of a card above which a GPU tile turns red (the seed's "VRAM ≤ 90 %", or the admin's setting). */
  vramCeiling: number;
  instances: PageInstance[];
  hosts: PageHost[];
  plannedGpus: PlannedGpu[];
  /** The caller may change things at all (else the page shows no load form). */
  mayWrite: boolean;
}
