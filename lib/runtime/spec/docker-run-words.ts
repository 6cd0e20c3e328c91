import { formatDockerSize } from "../../engines/parse/sizes";
import { shellQuote } from "../../engines/shell-quote";
import type { ContainerSpec } from "./container-spec";
import { LABEL } from "./labels";

const seconds = (ms: number) => `${ms / 1000}s`;

/** The exact `docker run` that creates the same container, for people to read or copy (secrets by name only). */
export function dockerRunWords(spec: ContainerSpec): string[] {
  const words = ["docker", "run", "-d", "--name", spec.name, "--restart", spec.restartPolicy];
  for (const [k, v] of Object.entries({ ...spec.labels, [LABEL.specHash]: spec.specHash }))
    words.push("--label", `${k}=${v}`);
  if (spec.deviceIds) words.push("--gpus", `"device=${spec.deviceIds.join(",")}"`);
  if (spec.ipcHost) words.push("--ipc=host");
  if (spec.shmBytes !== undefined) words.push("--shm-size", formatDockerSize(spec.shmBytes));
  if (spec.memoryBytes !== undefined) words.push("--memory", formatDockerSize(spec.memoryBytes));
  if (spec.cpus !== undefined) words.push("--cpus", String(spec.cpus));
  words.push("-p", `${spec.hostPort}:${spec.containerPort}`);
  for (const m of spec.mounts) words.push("--mount", `type=${m.type},source=${m.source},target=${m.target}`);
  for (const [k, v] of Object.entries(spec.env)) words.push("-e", spec.secretEnv.includes(k) ? k : `${k}=${v}`);
  const [kind, ...command] = spec.healthCheck.test;
  words.push("--health-cmd", kind === "CMD" ? command.map(shellQuote).join(" ") : command.join(" "));
  words.push("--health-interval", seconds(spec.healthCheck.intervalMs));
  words.push("--health-timeout", seconds(spec.healthCheck.timeoutMs));
  words.push("--health-start-period", seconds(spec.healthCheck.startPeriodMs));
  words.push("--health-retries", String(spec.healthCheck.retries));
  words.push("--security-opt", "no-new-privileges:true");
  words.push(spec.image, ...spec.args);
  return words;
}

export function dockerRunLine(spec: ContainerSpec): string {
  return dockerRunWords(spec).map(shellQuote).join(" ");
}
