/**
 * Labels fleetdeck puts on every scraped series — by the embedded scraper, and by Prometheus through the target
 * labels of fleetdeck's service discovery. Named series select and group by these.
 */
export const TARGET_LABEL = {
  /** The scrape target's id. */
  target: "fleetdeck_target",
  /** vllm | tgi | gpu-exporter | node-exporter */
  kind: "fleetdeck_kind",
  instance: "fleetdeck_instance",
  host: "fleetdeck_host",
} as const;

export const TARGET_KINDS = ["vllm", "tgi", "gpu-exporter", "node-exporter"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** dcgm-exporter's label for the GPU index. */
export const GPU_LABEL = "gpu";
