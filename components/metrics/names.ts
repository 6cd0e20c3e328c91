import type { MetricsPageData } from "@/lib/metrics/api/page-data";
import type { DownTarget } from "@/lib/metrics/api/responses";

/** Series labels carry ids; people read names. */
export function namesOf(page: MetricsPageData) {
  const instances = new Map(page.instances.map((i) => [i.id, `${i.layoutName} / ${i.instanceKey}`]));
  const hosts = new Map(page.hosts.map((h) => [h.id, h.name]));
  const instance = (id: string | undefined) => (id ? (instances.get(id) ?? id.slice(0, 8)) : "?");
  const host = (id: string | undefined) => (id ? (hosts.get(id) ?? id.slice(0, 8)) : "?");
  return {
    instance,
    host,
    gpu: (labels: Record<string, string>) => `${host(labels.fleetdeck_host)} GPU ${labels.gpu ?? "?"}`,
    ofLabels: (labels: Record<string, string>) =>
      labels.fleetdeck_instance
        ? instance(labels.fleetdeck_instance)
        : labels.gpu !== undefined
          ? `${host(labels.fleetdeck_host)} GPU ${labels.gpu}`
          : host(labels.fleetdeck_host),
    target: (t: DownTarget) =>
      t.instanceId
        ? `${instance(t.instanceId)} (${t.kind})`
        : `${host(t.hostId ?? undefined)} ${t.kind === "node-exporter" ? "node_exporter" : "GPU exporter"}`,
  };
}

export type Names = ReturnType<typeof namesOf>;
