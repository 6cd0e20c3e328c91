import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import type { PredictedVsActual } from "../../metrics/predicted/export-format";
import { gatherPredictedVsActual } from "../../metrics/predicted/gather-predicted";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { firstStartupLog, readStartupLogFromRuntime } from "./read-startup-log-from-runtime";
import { visibilityOf } from "./visibility";

const input = z.object({
  download: z.enum(["1"], { message: "download must be 1 (or left out)" }).optional(),
});

/**
 * GET /api/metrics/predicted: every running instance's planned budget next to what was observed, in the export
 * format (lib/metrics/predicted/export-format.ts); `?download=1` serves it as a file.
 */
export const predictedSpec = {
  name: "metrics.predicted",
  input,
  readOnly: true,
  authorize: () => ({ action: "metrics.read", resource: { type: "global" } }),
  prepare: async (input, actor) => {
    const service = await metricsService();
    const { inventory } = await service.inventory();
    const visible = await visibilityOf(actor, inventory);
    const mine = { ...inventory, instances: inventory.instances.filter((i) => visible.instance(i.id)) };
    const readLog = firstStartupLog(service.readStartupLog, readStartupLogFromRuntime);
    const doc = await gatherPredictedVsActual(service.backend.source, mine, readLog);
    return { doc, download: input.download === "1" };
  },
  run: async (_input, { prepared }) => ({ data: prepared }),
  respond: ({ doc, download }) =>
    new Response(`${JSON.stringify(doc, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        ...(download && {
          "content-disposition": `attachment; filename="fleetdeck-predicted-vs-actual-${doc.exportedAt.slice(0, 10)}.json"`,
        }),
      },
    }),
} satisfies ActionSpec<typeof input, Prepared, Prepared> & { respond: (p: Prepared) => Response };

type Prepared = { doc: PredictedVsActual; download: boolean };
