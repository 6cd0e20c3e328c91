import "server-only";
import { performance } from "node:perf_hooks";
import type Docker from "dockerode";
import { withDeadline } from "../docker/with-deadline";
import { demuxDockerLogs } from "./demux-logs";
import type { GpuReport } from "./gpu-types";
import { NvidiaSmiParseError, parseNvidiaSmiXml } from "./nvidia-smi-xml";

export const PROBE_LABELS = { "fleetdeck.probe": "true", "fleetdeck.managed": "true" } as const;
export const DEFAULT_PROBE_IMAGE = "nvidia/cuda:12.4.1-base-ubuntu22.04";
export const DEFAULT_PROBE_COMMAND = ["nvidia-smi", "-q", "-x"];

export interface GpuProbeOptions {
  image?: string;
  command?: string[];
  env?: string[];
  /** "all": request every GPU as `docker run --gpus all` does; "none": no device request (simulated hosts, tests). */
  gpus?: "all" | "none";
  /** A named runtime (e.g. "nvidia" on hosts that predate device requests); default: the daemon's default runtime. */
  runtime?: string;
  /** For the whole probe: create, start, wait, read logs. The container is removed after it either way. */
  timeoutMs?: number;
  /**
   * Run in the host's PID namespace, so that nvidia-smi lists the processes using the GPUs with the PIDs `docker top`
   * shows (how GPU memory is traced to fleetdeck's containers). Default false.
   */
  hostPid?: boolean;
}

export type ProbeStep = "image" | "create" | "gpu-runtime" | "start" | "timeout" | "exit" | "parse";

export interface ProbeFailure {
  step: ProbeStep;
  message: string;
  fix: string;
  /** The end of the probe's stderr, when it ran. */
  stderr?: string;
}

export type GpuProbeResult =
  | { ok: true; report: GpuReport; durationMs: number }
  | { ok: false; failure: ProbeFailure; durationMs: number };

class ProbeError extends Error {
  constructor(readonly failure: ProbeFailure) {
    super(failure.message);
  }
}

type DockerError = Error & { statusCode?: number; json?: { message?: string } };
const daemonMessage = (error: unknown) => (error as DockerError).json?.message ?? (error as Error).message;

/**
 * Runs `nvidia-smi -q -x` (or the given command) in a short-lived container labelled fleetdeck.probe=true and
 * fleetdeck.managed=true, and parses what it printed. The container is force-removed afterwards, also on timeout
 * or error, so a failed probe leaves nothing behind.
 */
export async function probeGpus(docker: Docker, options: GpuProbeOptions = {}): Promise<GpuProbeResult> {
  const {
    image = DEFAULT_PROBE_IMAGE,
    command = DEFAULT_PROBE_COMMAND,
    env = [],
    gpus = "all",
    runtime,
    timeoutMs = 60_000,
    hostPid = false,
  } = options;
  const started = performance.now();
  const created: { container?: Docker.Container } = {};
  let work: Promise<unknown> = Promise.resolve();
  const elapsed = () => Math.round(performance.now() - started);
  const remove = () => created.container?.remove({ force: true }).catch(() => undefined);
  try {
    const settings = { image, command, env, gpus, runtime, hostPid };
    const result = await withDeadline(
      timeoutMs,
      (abortSignal) => (work = runProbe(docker, settings, abortSignal, created)),
    );
    if (!result.ok) {
      if (result.timedOut) {
        return {
          ok: false,
          durationMs: elapsed(),
          failure: {
            step: "timeout",
            message: `the probe (${image}) did not finish within ${timeoutMs} ms`,
            fix: "check the host's load and that the image starts quickly; raise the probe timeout for slow hosts",
          },
        };
      }
      if (result.error instanceof ProbeError)
        return { ok: false, durationMs: elapsed(), failure: result.error.failure };
      throw result.error;
    }
    const { exitCode, stdout, stderr } = result.value;
    const tail = stderr.trim().slice(-2000) || undefined;
    if (exitCode !== 0) {
      return {
        ok: false,
        durationMs: elapsed(),
        failure: {
          step: "exit",
          message: `\`${command.join(" ")}\` in ${image} exited with ${exitCode}${tail ? `: ${tail}` : ""}`,
          fix: "run the same command on the host (docker run --rm --gpus all IMAGE nvidia-smi -q -x) and fix what it reports (driver not loaded, no GPU visible)",
          stderr: tail,
        },
      };
    }
    try {
      return { ok: true, report: parseNvidiaSmiXml(stdout), durationMs: elapsed() };
    } catch (error) {
      if (!(error instanceof NvidiaSmiParseError)) throw error;
      return {
        ok: false,
        durationMs: elapsed(),
        failure: {
          step: "parse",
          message: `the probe's output cannot be read: ${error.message}`,
          fix: "make sure the probe command is `nvidia-smi -q -x`",
          stderr: tail,
        },
      };
    }
  } finally {
    await remove();
    // On a timeout the work may still be creating the container: remove it once that settles too.
    void work.then(remove, remove);
  }
}

type ProbeSettings = Required<Omit<GpuProbeOptions, "runtime" | "timeoutMs">> & { runtime?: string };

async function runProbe(
  docker: Docker,
  settings: ProbeSettings,
  abortSignal: AbortSignal,
  created: { container?: Docker.Container },
) {
  const container = (created.container = await create(docker, settings));
  await start(container, settings.image);
  const exit = (await container.wait({ abortSignal } as Docker.ContainerWaitOptions)) as { StatusCode: number };
  const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  return { exitCode: exit.StatusCode, ...demuxDockerLogs(logs) };
}

async function create(docker: Docker, { image, command, env, gpus, runtime, hostPid }: ProbeSettings) {
  try {
    return await docker.createContainer({
      Image: image,
      Cmd: command,
      Env: env,
      Labels: { ...PROBE_LABELS },
      Tty: false,
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: "none",
        Memory: 256 * 2 ** 20,
        ...(hostPid && { PidMode: "host" }),
        ...(runtime && { Runtime: runtime }),
        ...(gpus === "all" && {
          DeviceRequests: [{ Driver: "", Count: -1, DeviceIDs: [], Capabilities: [["gpu"]], Options: {} }],
        }),
      },
    });
  } catch (error) {
    const message = daemonMessage(error);
    if ((error as DockerError).statusCode === 404 && /image/i.test(message)) {
      throw new ProbeError({
        step: "image",
        message: `the probe image ${image} is not on the host (${message})`,
        fix: `pull it on the host (docker pull ${image}) or choose an image the host has`,
      });
    }
    throw new ProbeError({
      step: "create",
      message: `the daemon refused to create the probe container: ${message}`,
      fix: "check the daemon's log on the host",
    });
  }
}

async function start(container: Docker.Container, image: string) {
  try {
    await container.start();
  } catch (error) {
    const message = daemonMessage(error);
    if (/could not select device driver|nvidia-container-cli|unknown or invalid runtime name/i.test(message)) {
      throw new ProbeError({
        step: "gpu-runtime",
        message: `the host cannot give GPUs to containers: ${message}`,
        fix: "install the NVIDIA Container Toolkit on the host (nvidia-ctk runtime configure --runtime=docker) and restart dockerd",
      });
    }
    throw new ProbeError({
      step: "start",
      message: `the probe container (${image}) did not start: ${message}`,
      fix: "check the image's command and the daemon's log",
    });
  }
}
