import { matchCatalogGpu } from "./catalog-match";
import type { DiscoveredGpu, GpuReport } from "./gpu-types";

/**
 * GPUs from dcgm-exporter's /metrics (Prometheus text), for hosts where dcgm-exporter is the discovery source.
 * Deliberately minimal: it reads only the DCGM_FI_DEV_* gauges discovery needs, line by line. Charts scrape the same
 * endpoint through lib/metrics' full parser; this one only turns one scrape into the GpuReport the probe also gives.
 * dcgm-exporter reports framebuffer sizes in MiB; MIG instances come as extra series with a GPU_I_ID label.
 */

const MIB = 2 ** 20;
const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

type Labels = Record<string, string>;
interface Series {
  labels: Labels;
  values: Record<string, number>;
}

function parseLabels(text: string): Labels {
  const labels: Labels = {};
  for (const [, name, raw] of text.matchAll(LABEL))
    labels[name!] = raw!.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
  return labels;
}

function collect(text: string): Map<string, Series> {
  const series = new Map<string, Series>();
  for (const line of text.split("\n")) {
    const match = SAMPLE.exec(line.trim());
    if (!match || !match[1]!.startsWith("DCGM_FI_DEV_")) continue;
    const labels = parseLabels(match[2] ?? "");
    const value = Number(match[3]);
    if (!labels.gpu || !Number.isFinite(value)) continue;
    const key = `${labels.UUID ?? labels.gpu}/${labels.GPU_I_ID ?? ""}`;
    const entry = series.get(key) ?? { labels, values: {} };
    entry.values[match[1]!.slice("DCGM_FI_DEV_".length)] = value;
    series.set(key, entry);
  }
  return series;
}

const mib = (value: number | undefined) => (value === undefined ? null : Math.round(value * MIB));

function memoryOf(values: Record<string, number>) {
  const usedBytes = mib(values.FB_USED);
  const freeBytes = mib(values.FB_FREE);
  const reservedBytes = mib(values.FB_RESERVED) ?? 0;
  const totalBytes = mib(values.FB_TOTAL) ?? (usedBytes ?? 0) + (freeBytes ?? 0) + reservedBytes;
  return { totalBytes, usedBytes, freeBytes, reservedBytes };
}

export function parseDcgmMetrics(text: string): GpuReport {
  const all = [...collect(text).values()];
  const parents = all.filter((s) => s.labels.GPU_I_ID === undefined || s.labels.GPU_I_ID === "");
  const gpus: DiscoveredGpu[] = parents
    .sort((a, b) => Number(a.labels.gpu) - Number(b.labels.gpu))
    .map(({ labels, values }) => {
      const memory = memoryOf(values);
      const productName = labels.modelName ?? "";
      const migs = all.filter((s) => s.labels.gpu === labels.gpu && s.labels.GPU_I_ID);
      return {
        index: Number(labels.gpu),
        minorNumber: labels.device?.startsWith("nvidia") ? Number(labels.device.slice(6)) : null,
        uuid: labels.UUID ?? "",
        pciBusId: labels.pci_bus_id ?? "",
        productName,
        catalogGpuId: productName ? (matchCatalogGpu(productName, memory.totalBytes || null)?.id ?? null) : null,
        memory,
        utilizationPercent: values.GPU_UTIL ?? null,
        memoryUtilizationPercent: values.MEM_COPY_UTIL ?? null,
        temperatureCelsius: values.GPU_TEMP ?? null,
        powerDrawWatts: values.POWER_USAGE ?? null,
        powerLimitWatts: null,
        migMode: migs.length > 0 ? "enabled" : "disabled",
        migDevices: migs.map((mig, index) => ({
          index,
          gpuInstanceId: Number(mig.labels.GPU_I_ID),
          computeInstanceId: 0,
          multiprocessorCount: null,
          memory: memoryOf(mig.values),
        })),
        processes: [],
      };
    });
  const driverVersion = parents.find((s) => s.labels.DCGM_FI_DRIVER_VERSION)?.labels.DCGM_FI_DRIVER_VERSION ?? null;
  return { source: "dcgm-exporter", driverVersion, cudaVersion: null, gpus };
}
