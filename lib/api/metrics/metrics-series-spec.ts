import "server-only";
import { z } from "zod";
import { NAMED_SERIES_IDS, seriesDefinition } from "../../metrics/series-catalog";
import type { ActionSpec } from "../../actions/types";

const empty = z.object({}).passthrough();

export interface NamedSeriesInfo {
  id: string;
  title: string;
  unit: string;
  scope: string;
  sources: string[];
  note: string | null;
}

/** GET /api/metrics/series: the named series a query may ask for. */
export const metricsSeriesSpec = {
  name: "metrics.series",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "metrics.read", resource: { type: "global" } }),
  run: async () => ({
    data: NAMED_SERIES_IDS.map((id) => {
      const d = seriesDefinition(id);
      return {
        id,
        title: d.title,
        unit: d.unit,
        scope: d.scope,
        sources: Object.keys(d.sources),
        note: d.note ?? null,
      };
    }),
  }),
} satisfies ActionSpec<typeof empty, NamedSeriesInfo[]>;
