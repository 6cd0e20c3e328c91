import type { ScrapeTarget } from "../scrape/scrape-target";
import { TARGET_LABEL } from "../target-labels";

/** One target group of Prometheus's HTTP service discovery (`http_sd_configs`). */
export interface HttpSdGroup {
  targets: string[];
  labels: Record<string, string>;
}

/**
 * The scraper's targets as Prometheus HTTP SD groups: address, scheme and path from the URL, and the same labels the
 * embedded scraper adds (`fleetdeck_target`, `fleetdeck_kind`, …), so charts read the same series in both modes.
 */
export function prometheusSdGroups(targets: readonly ScrapeTarget[]): HttpSdGroup[] {
  return targets.map((t) => {
    const url = new URL(t.url);
    const params = Object.fromEntries([...url.searchParams].map(([k, v]) => [`__param_${k}`, v]));
    return {
      targets: [url.host],
      labels: {
        __scheme__: url.protocol.replace(/:$/, ""),
        __metrics_path__: url.pathname,
        ...params,
        ...t.labels,
        [TARGET_LABEL.target]: t.id,
        [TARGET_LABEL.kind]: t.kind,
      },
    };
  });
}
