import "server-only";
import type { DownTarget, MetricsQueryResponse } from "../../metrics/api/responses";
import type { ResolvedRange } from "../../metrics/api/range";
import { seriesQueriesOf } from "../../metrics/api/query-params";
import type { TargetStatus } from "../../metrics/metrics-source";
import type { Selector, SeriesResult } from "../../metrics/query-schema";
import type { NamedSeriesId } from "../../metrics/series-catalog";
import type { MetricsService } from "../../metrics/service/metrics-service";
import { TARGET_LABEL } from "../../metrics/target-labels";
import type { Visibility } from "./visibility";

function matchesSelection(t: TargetStatus, selector: Selector): boolean {
  if (selector.instance !== undefined && t.labels[TARGET_LABEL.instance] !== selector.instance) return false;
  if (selector.host !== undefined && t.labels[TARGET_LABEL.host] !== selector.host) return false;
  return true;
}

const downSince = (t: TargetStatus): number | null =>
  "downSinceMs" in t && typeof t.downSinceMs === "number" ? t.downSinceMs : null;

/** The selection's targets that are down (a chart's gap, with its reason). */
export async function downTargets(
  service: MetricsService,
  selector: Selector,
  visible: Visibility,
): Promise<DownTarget[]> {
  const targets = await service.backend.source.targets();
  if (targets.status !== "ok") return [];
  return targets.targets
    .filter((t) => t.health === "down" && matchesSelection(t, selector) && visible.labels(t.labels))
    .map((t) => ({
      id: t.id,
      kind: t.kind,
      instanceId: t.labels[TARGET_LABEL.instance] ?? null,
      hostId: t.labels[TARGET_LABEL.host] ?? null,
      downSinceMs: downSince(t),
      lastError: t.lastError,
    }));
}

/** Named series over a range, each filtered to the series the caller may see, with the selection's down targets. */
export async function runMetricsQuery(
  service: MetricsService,
  series: readonly NamedSeriesId[],
  selector: Selector,
  range: ResolvedRange,
  visible: Visibility,
): Promise<MetricsQueryResponse> {
  const source = service.backend.source;
  const [results, down] = await Promise.all([
    Promise.all(seriesQueriesOf(series, selector, range).map((q) => source.queryRange(q))),
    downTargets(service, selector, visible),
  ]);
  return {
    mode: source.mode,
    range,
    results: results.map(
      (r): SeriesResult => (r.status === "ok" ? { ...r, data: r.data.filter((row) => visible.labels(row.labels)) } : r),
    ),
    down,
  };
}
