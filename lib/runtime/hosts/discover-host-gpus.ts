import "server-only";
import { findGpu } from "../../catalog";
import type { DiscoveredGpuRecord } from "../../queries/hosts/replace-host-gpus";
import type { HostSettings } from "../../vocabulary/host-settings";
import { getDockerClient } from "../docker/client-cache";
import { STEP_IN_WORDS } from "../docker/failure";
import { pingHost } from "../docker/ping-host";
import { withDeadline } from "../docker/with-deadline";
import { parseDcgmMetrics } from "../gpu/dcgm-metrics";
import { gpuHolders, type InstanceContainer } from "../gpu/gpu-holders";
import type { GpuReport } from "../gpu/gpu-types";
import { listInstanceContainers } from "../gpu/list-instance-containers";
import { DEFAULT_PROBE_COMMAND, probeGpus } from "../gpu/probe";
import type { RuntimeHost } from "./runtime-host";

export type DiscoverySource = "nvidia-smi" | "dcgm-exporter" | "simulated";

export type DiscoveryResult =
  | {
      ok: true;
      source: DiscoverySource;
      /** How the GPUs were read, in words ("fleetdeck-sim:latest nvidia-smi -q -x, simulated 4× RTX 4090D"). */
      via: string;
      driverVersion: string | null;
      cudaVersion: string | null;
      gpus: DiscoveredGpuRecord[];
      durationMs: number;
    }
  | { ok: false; failure: { step: string; message: string; fix: string }; durationMs: number };

/**
 * Finds a host's GPUs: from its dcgm-exporter when a URL is set; on a host with simulated GPUs, from the simulator
 * image's `nvidia-smi -q -x`; otherwise from a probe container with every GPU (`nvidia-smi -q -x` in the probe image).
 * The local simulated host has no daemon: its GPUs are the catalog's. Memory holders are traced to fleetdeck's
 * instances by their containers' `fleetdeck.instance` label.
 */
export async function discoverHostGpus(host: RuntimeHost, settings: HostSettings): Promise<DiscoveryResult> {
  const started = performance.now();
  const done = (
    result:
      | Omit<Extract<DiscoveryResult, { ok: true }>, "durationMs">
      | { ok: false; failure: Extract<DiscoveryResult, { ok: false }>["failure"] },
  ): DiscoveryResult => ({ ...result, durationMs: Math.round(performance.now() - started) }) as DiscoveryResult;
  if (host.kind === "local-sim" || !host.endpoint) return done(catalogGpus(host));

  if (host.dcgmUrl) {
    const read = await readDcgm(host.dcgmUrl, settings.probeTimeoutMs);
    if (!read.ok) return done(read);
    return done({
      ok: true,
      ...recordsOf(read.report, []),
      source: "dcgm-exporter",
      via: `dcgm-exporter at ${host.dcgmUrl}`,
    });
  }

  const handle = getDockerClient(host.endpoint);
  const ping = await pingHost(handle, Math.min(10_000, settings.probeTimeoutMs));
  if (!ping.ok) {
    return done({
      ok: false,
      failure: {
        step: ping.failure.step,
        message: `the host cannot be reached (${STEP_IN_WORDS[ping.failure.step]} failed): ${ping.failure.message}`,
        fix: ping.failure.fix,
      },
    });
  }
  const sim = host.simulatedGpus;
  const simGpu = sim ? findGpu(sim.gpuId) : undefined;
  const image = sim ? settings.simImage : settings.probeImage;
  const env = sim
    ? [
        `FLEETDECK_SIM_GPU=${simGpu?.name ?? sim.gpuId}`,
        `FLEETDECK_SIM_GPU_COUNT=${sim.count}`,
        `FLEETDECK_SIM_HOST=${host.name}`,
        ...settings.probeEnv,
      ]
    : settings.probeEnv;
  const probe = await probeGpus(handle.docker, {
    image,
    command: DEFAULT_PROBE_COMMAND,
    env,
    gpus: sim ? "none" : "all",
    hostPid: !sim,
    timeoutMs: settings.probeTimeoutMs,
  });
  if (!probe.ok) return done({ ok: false, failure: probe.failure });
  const containers = await listInstanceContainers(handle.docker).catch((): InstanceContainer[] => []);
  const via = `${image} ${DEFAULT_PROBE_COMMAND.join(" ")}${sim ? `, simulated ${sim.count}× ${simGpu?.name ?? sim.gpuId}` : ""}`;
  return done({ ok: true, ...recordsOf(probe.report, containers), source: sim ? "simulated" : "nvidia-smi", via });
}

function recordsOf(report: GpuReport, containers: InstanceContainer[]) {
  return {
    driverVersion: report.driverVersion,
    cudaVersion: report.cudaVersion,
    gpus: report.gpus.map(
      (gpu): DiscoveredGpuRecord => ({
        index: gpu.index,
        uuid: gpu.uuid || null,
        name: gpu.productName,
        catalogGpuId: gpu.catalogGpuId,
        memoryBytes: gpu.memory.totalBytes,
        memoryUsedBytes: gpu.memory.usedBytes,
        holders: gpuHolders(gpu, containers),
      }),
    ),
  };
}

/** The local simulated host's GPUs, from the catalog. */
function catalogGpus(host: RuntimeHost) {
  const sim = host.simulatedGpus;
  const spec = sim ? findGpu(sim.gpuId) : undefined;
  return {
    ok: true as const,
    source: "simulated" as const,
    via: `the catalog (local simulated host${spec ? `, ${sim!.count}× ${spec.name}` : ""})`,
    driverVersion: null,
    cudaVersion: null,
    gpus: host.gpus.map(
      (gpu): DiscoveredGpuRecord => ({
        index: gpu.index,
        uuid: gpu.uuid ?? null,
        name: spec?.smiName ?? spec?.name ?? gpu.gpuId,
        catalogGpuId: gpu.gpuId === "custom" ? null : gpu.gpuId,
        memoryBytes: gpu.memoryBytes,
        memoryUsedBytes: null,
        holders: [],
      }),
    ),
  };
}

async function readDcgm(url: string, timeoutMs: number) {
  const fail = (message: string, fix: string) => ({
    ok: false as const,
    failure: { step: "dcgm-exporter", message, fix },
  });
  const result = await withDeadline(timeoutMs, async (signal) => {
    const response = await fetch(url, { signal, headers: { accept: "text/plain" } });
    return { status: response.status, text: await response.text() };
  });
  if (!result.ok) {
    return result.timedOut
      ? fail(
          `dcgm-exporter at ${url} did not answer within ${timeoutMs} ms`,
          "check that dcgm-exporter runs and listens there (default port 9400)",
        )
      : fail(
          `dcgm-exporter at ${url} cannot be read (${(result.error as Error).message})`,
          "check the URL and that dcgm-exporter runs (default http://host:9400/metrics)",
        );
  }
  if (result.value.status !== 200)
    return fail(
      `dcgm-exporter at ${url} answered HTTP ${result.value.status}`,
      "check the URL's path (usually /metrics)",
    );
  const report = parseDcgmMetrics(result.value.text);
  if (report.gpus.length === 0)
    return fail(
      `${url} answered without any DCGM_FI_DEV_* series: it is not dcgm-exporter, or it sees no GPU`,
      "check the URL and dcgm-exporter's log",
    );
  return { ok: true as const, report };
}
