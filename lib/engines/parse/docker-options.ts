import type { Finding } from "../../vocabulary/finding";
import { parseSize } from "./sizes";

/** Docker run options that take a value (short and long spellings). */
const VALUE_OPTIONS = new Set([
  "--gpus",
  "--memory",
  "-m",
  "--memory-swap",
  "--memory-reservation",
  "--cpus",
  "--cpuset-cpus",
  "--cpu-shares",
  "-c",
  "--shm-size",
  "--ipc",
  "-p",
  "--publish",
  "-e",
  "--env",
  "--env-file",
  "-v",
  "--volume",
  "--mount",
  "--name",
  "--runtime",
  "--network",
  "--net",
  "--entrypoint",
  "-w",
  "--workdir",
  "-u",
  "--user",
  "--device",
  "--ulimit",
  "--restart",
  "-l",
  "--label",
  "--platform",
  "--pull",
  "-h",
  "--hostname",
  "--add-host",
  "--log-driver",
  "--log-opt",
  "--cap-add",
  "--cap-drop",
  "--security-opt",
  "--pid",
  "--uts",
  "--cgroupns",
  "--tmpfs",
  "--stop-signal",
  "--stop-timeout",
  "--health-cmd",
  "--health-interval",
  "--health-retries",
  "--health-timeout",
  "--dns",
  "--group-add",
  "--expose",
  "--link",
  "--oom-score-adj",
  "--pids-limit",
  "--storage-opt",
  "--sysctl",
  "--userns",
  "--volumes-from",
  "--label-file",
  "--cidfile",
]);

export type GpuRequest = { kind: "all" } | { kind: "count"; count: number } | { kind: "devices"; indices: number[] };

export interface DockerOptions {
  image?: string;
  /** Words after the image: the engine's arguments (or a command). */
  rest: string[];
  name?: string;
  gpus?: GpuRequest;
  memoryBytes?: number;
  cpus?: number;
  shmBytes?: number;
  ipc?: string;
  /** First published port: host side and container side. */
  publish?: { hostPort: number; containerPort: number };
  env: Record<string, string>;
  volumes: string[];
  findings: Finding[];
}

/** Reads `--gpus all|N|"device=0,1"` (the quotes survive the shell only when nested). */
export function parseGpus(value: string): GpuRequest | undefined {
  const text = value.replace(/^["']|["']$/g, "").trim();
  if (text === "all") return { kind: "all" };
  if (/^\d+$/.test(text)) return { kind: "count", count: Number(text) };
  const devices = text.match(/device=([\d,\s]+)/);
  if (devices?.[1]) {
    return {
      kind: "devices",
      indices: devices[1]
        .split(",")
        .filter((s) => s.trim() !== "")
        .map((s) => Number(s.trim())),
    };
  }
  const count = text.match(/count=(\d+|all)/);
  if (count?.[1]) return count[1] === "all" ? { kind: "all" } : { kind: "count", count: Number(count[1]) };
  return undefined;
}

/** `-p 8080:80`, `-p 0.0.0.0:8080:80/tcp`. */
function parsePublish(value: string): { hostPort: number; containerPort: number } | undefined {
  const parts = value.replace(/\/(tcp|udp)$/, "").split(":");
  const containerPort = Number(parts[parts.length - 1]);
  const hostPort = parts.length >= 2 ? Number(parts[parts.length - 2]) : containerPort;
  return Number.isInteger(hostPort) && Number.isInteger(containerPort) ? { hostPort, containerPort } : undefined;
}

const sizeError = (flag: string, value: string): Finding => ({
  code: "docker.bad-size",
  severity: "error",
  field: flag,
  message: `docker ${flag} "${value}" is not a size.`,
  fix: `Write a number with a unit, e.g. ${flag} 32g (Docker reads k, m, g as KiB, MiB, GiB).`,
});

/** Splits the words after `docker run` into Docker's options, the image and the rest. */
export function parseDockerOptions(words: readonly string[]): DockerOptions {
  const out: DockerOptions = { rest: [], env: {}, volumes: [], findings: [] };
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? "";
    if (!word.startsWith("-") || word === "-") {
      out.image = word;
      out.rest = words.slice(i + 1);
      break;
    }
    const eq = word.startsWith("--") ? word.indexOf("=") : -1;
    const flag = eq > 0 ? word.slice(0, eq) : word;
    let value: string | undefined;
    if (eq > 0) value = word.slice(eq + 1);
    else if (VALUE_OPTIONS.has(flag)) {
      value = words[i + 1];
      i += 1;
    } else if (/^-[pevmc]./.test(flag)) {
      // A short option glued to its value: -p8080:80, -eHF_TOKEN=x, -m32g
      value = flag.slice(2);
    }
    i += 1;
    if (value === undefined) continue;
    applyOption(out, flag.startsWith("--") ? flag : flag.slice(0, 2), value);
  }
  return out;
}

function applyOption(out: DockerOptions, flag: string, value: string): void {
  switch (flag) {
    case "--gpus": {
      const gpus = parseGpus(value);
      if (gpus) out.gpus = gpus;
      else {
        out.findings.push({
          code: "docker.bad-gpus",
          severity: "error",
          field: "--gpus",
          message: `docker --gpus "${value}" names no GPUs.`,
          fix: `Use --gpus all, --gpus 2 or --gpus '"device=0,1"'.`,
        });
      }
      return;
    }
    case "--memory":
    case "-m": {
      const bytes = parseSize(value);
      if (bytes === undefined) out.findings.push(sizeError(flag, value));
      else out.memoryBytes = bytes;
      return;
    }
    case "--shm-size": {
      const bytes = parseSize(value);
      if (bytes === undefined) out.findings.push(sizeError(flag, value));
      else out.shmBytes = bytes;
      return;
    }
    case "--cpus": {
      const cpus = Number(value);
      if (Number.isFinite(cpus) && cpus > 0) out.cpus = cpus;
      else {
        out.findings.push({
          code: "docker.bad-cpus",
          severity: "error",
          field: "--cpus",
          message: `docker --cpus "${value}" is not a positive number.`,
          fix: "Write the CPU count, e.g. --cpus 8.",
        });
      }
      return;
    }
    case "--ipc":
      out.ipc = value;
      return;
    case "--name":
      out.name = value;
      return;
    case "-p":
    case "--publish":
      out.publish ??= parsePublish(value);
      return;
    case "-e":
    case "--env": {
      const eq = value.indexOf("=");
      out.env[eq > 0 ? value.slice(0, eq) : value] = eq > 0 ? value.slice(eq + 1) : "";
      return;
    }
    case "-v":
    case "--volume":
      out.volumes.push(value);
      return;
    default:
      return;
  }
}
