import "server-only";
import { z } from "zod";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import { type HttpSdGroup, prometheusSdGroups } from "../../metrics/targets/prometheus-sd";
import type { ActionSpec } from "../../actions/types";
import { visibilityOf } from "./visibility";

const empty = z.object({}).passthrough();

/**
 * GET /api/prometheus/sd: Prometheus HTTP service discovery (`http_sd_configs` with
 * `authorization: {credentials: fd_…}`, a token with the read scope) listing every instance replica and exporter
 * fleetdeck manages that the token's owner may see, with the labels the embedded scraper adds.
 */
export const prometheusSdSpec = {
  name: "metrics.prometheus-sd",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "metrics.read", resource: { type: "global" } }),
  prepare: async (_input, actor) => {
    const service = await metricsService();
    const [{ inventory }, targets] = await Promise.all([service.inventory(), service.targets()]);
    const visible = await visibilityOf(actor, inventory);
    return prometheusSdGroups(targets.filter((t) => visible.labels(t.labels)));
  },
  run: async (_input, { prepared }) => ({ data: prepared }),
  respond: (groups: HttpSdGroup[]) =>
    new Response(JSON.stringify(groups), {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    }),
} satisfies ActionSpec<typeof empty, HttpSdGroup[], HttpSdGroup[]> & { respond: (g: HttpSdGroup[]) => Response };
