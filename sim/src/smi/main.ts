import { readFileSync } from "node:fs";
import type { SimEnv } from "../env";
import { DEFAULT_STATE_STALE_MS } from "../face";
import { visibleGpus } from "../gpu/from-env";
import type { SimGpu } from "../gpu/host";
import type { SimHost } from "../gpu/host";
import { gpuStatus } from "../gpu/live";
import type { LineSink } from "../log";
import { readEntries } from "../state/state-dir";
import { parseFormat, queryApps, queryGpus } from "./query";
import { smiXml } from "./xml";

const INVALID = "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.";

/**
 * `nvidia-smi -q -x`, `--query-gpu=… --format=csv`, `--query-compute-apps=…`, `-L`: the GPUs this
 * container sees. FLEETDECK_SIM_NVIDIA_SMI_FIXTURE prints a recorded output verbatim instead.
 */
export function runSmi(args: readonly string[], env: SimEnv, host: SimHost, sink: LineSink): number {
  const write = (text: string) => process.stdout.write(text);
  if (env.FLEETDECK_SIM_NVIDIA_SMI_FIXTURE) {
    try {
      write(readFileSync(env.FLEETDECK_SIM_NVIDIA_SMI_FIXTURE, "utf8"));
      return 0;
    } catch (error) {
      sink.err(
        `fleetdeck-sim: FLEETDECK_SIM_NVIDIA_SMI_FIXTURE="${env.FLEETDECK_SIM_NVIDIA_SMI_FIXTURE}" cannot be read: ${(error as Error).message}`,
      );
      return 2;
    }
  }
  let gpus: SimGpu[];
  try {
    gpus = visibleGpus(host, env);
  } catch (error) {
    sink.err(`fleetdeck-sim: ${(error as Error).message}`);
    return 2;
  }
  const entries = env.FLEETDECK_SIM_STATE_DIR
    ? readEntries(env.FLEETDECK_SIM_STATE_DIR, Date.now(), env.FLEETDECK_SIM_STATE_STALE_MS ?? DEFAULT_STATE_STALE_MS)
    : [];
  const rows = gpus.map((gpu) => ({ gpu, status: gpuStatus(gpu, entries) }));
  const info = {
    driverVersion: env.FLEETDECK_SIM_DRIVER_VERSION,
    cudaVersion: env.FLEETDECK_SIM_CUDA_VERSION,
    now: new Date(),
  };
  const flags = new Map<string, string>();
  for (const arg of args) {
    const [key = "", value = ""] = arg.split("=", 2);
    flags.set(key, value);
  }
  const has = (...names: string[]) => names.some((n) => flags.has(n));
  if (has("-q", "--query") && has("-x", "--xml-format")) {
    write(smiXml(gpus, entries, info));
    return 0;
  }
  if (has("-L", "--list-gpus")) {
    write(
      rows.map(({ gpu }) => `GPU ${gpu.index}: ${gpu.spec.smiName ?? gpu.spec.name} (UUID: ${gpu.uuid})\n`).join(""),
    );
    return 0;
  }
  const format = parseFormat(flags.get("--format") ?? "");
  if (has("--query-gpu") || has("--query-compute-apps")) {
    if (!format) {
      sink.err(INVALID);
      return 2;
    }
    const result = has("--query-gpu")
      ? queryGpus(flags.get("--query-gpu")!, format, rows, info)
      : queryApps(flags.get("--query-compute-apps")!, format, rows);
    if (!result.ok) {
      write(result.text);
      return 2;
    }
    write(result.text);
    return 0;
  }
  if (args.length === 0) {
    write(summaryTable(rows, info));
    return 0;
  }
  sink.err(INVALID);
  return 2;
}

function summaryTable(
  rows: ReadonlyArray<{ gpu: SimHost["gpus"][number]; status: ReturnType<typeof gpuStatus> }>,
  info: { driverVersion: string; cudaVersion: string; now: Date },
): string {
  const bar = "+-----------------------------------------+------------------------+----------------------+";
  const lines = [
    info.now.toString().slice(0, 24),
    "+-----------------------------------------------------------------------------------------+",
    `| NVIDIA-SMI ${info.driverVersion.padEnd(22)}Driver Version: ${info.driverVersion.padEnd(15)}CUDA Version: ${info.cudaVersion.padEnd(9)}|`,
    bar,
    "| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |",
    "| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |",
    "|=========================================+========================+======================|",
  ];
  for (const { gpu, status } of rows) {
    const name = (gpu.spec.smiName ?? gpu.spec.name).slice(0, 28);
    lines.push(
      `| ${String(gpu.index).padStart(3)}  ${name.padEnd(28)}  On  | ${gpu.pciBusId.padStart(16)} Off |                    0 |`,
    );
    const power = `${Math.round(status.powerW)}W / ${gpu.traits.powerLimitW}W`;
    lines.push(
      `| N/A   ${String(status.gpuTempC).padStart(2)}C    P0 ${power.padStart(24)} | ${`${status.usedMiB}MiB / ${status.totalMiB}MiB`.padStart(22)} | ${`${status.utilPercent}%`.padStart(8)}      Default |`,
    );
    lines.push(bar);
  }
  return `${lines.join("\n")}\n`;
}
