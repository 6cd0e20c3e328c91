import "server-only";
import { z } from "zod";
import type { TargetRow, TargetsResponse } from "../../metrics/api/responses";
import { metricsService } from "../../metrics/service/metrics-service-holder";
import type { TargetStatus } from "../../metrics/metrics-source";
import type { MetricsInventory } from "../../metrics/targets/inventory";
import { TARGET_LABEL } from "../../metrics/target-labels";
import type { ActionSpec } from "../../actions/types";
import { visibilityOf } from "./visibility";

const empty = z.object({}).passthrough();

function rowOf(t: TargetStatus, inventory: MetricsInventory): TargetRow {
  const instanceId = t.labels[TARGET_LABEL.instance] ?? null;
  const hostId = t.labels[TARGET_LABEL.host] ?? null;
  const instance = instanceId ? inventory.instances.find((i) => i.id === instanceId) : undefined;
  const host = hostId ? inventory.hosts.find((h) => h.id === hostId) : undefined;
  const embedded =
    "lastSamples" in t ? (t as TargetStatus & { lastSamples: number; downSinceMs: number | null }) : null;
  return {
    id: t.id,
    url: t.url,
    kind: t.kind,
    instanceId,
    instanceName: instance ? `${instance.layoutName} / ${instance.instanceKey}` : null,
    hostId,
    hostName: host?.name ?? null,
    health: t.health,
    lastScrapeMs: t.lastScrapeMs,
    lastDurationMs: t.lastDurationMs,
    samples: embedded?.lastSamples ?? null,
    lastError: t.lastError,
    downSinceMs: embedded?.downSinceMs ?? null,
  };
}

/** GET /api/metrics/targets: every scrape target the caller may see, up or down, with its last scrape. */
export const metricsTargetsSpec = {
  name: "metrics.targets",
  input: empty,
  readOnly: true,
  authorize: () => ({ action: "metrics.read", resource: { type: "global" } }),
  prepare: async (_input, actor): Promise<TargetsResponse> => {
    const service = await metricsService();
    const [{ inventory, problems }, result] = await Promise.all([
      service.inventory(),
      service.backend.source.targets(),
    ]);
    const scraper = service.backend.embedded?.scraper;
    const allProblems = [
      ...problems,
      ...(scraper?.lastProviderError ? [`reading the targets failed: ${scraper.lastProviderError}`] : []),
      ...(scraper?.invalidTargets.map((t) => `a target was refused: ${t.error}`) ?? []),
    ];
    const base = { mode: service.mode, intervalMs: service.intervalMs, problems: allProblems };
    if (result.status !== "ok")
      return {
        ...base,
        status: "unavailable",
        reason: result.reason,
        message: result.message,
        sinceMs: result.sinceMs,
      };
    const visible = await visibilityOf(actor, inventory);
    return {
      ...base,
      status: "ok",
      targets: result.targets.filter((t) => visible.labels(t.labels)).map((t) => rowOf(t, inventory)),
      store: result.store ?? null,
    };
  },
  run: async (_input, { prepared }) => ({ data: prepared }),
} satisfies ActionSpec<typeof empty, TargetsResponse, TargetsResponse>;
