import type { Instance } from "../vocabulary/layout-schema";
import { formatDockerSize } from "./parse/sizes";
import { shellQuote } from "./shell-quote";
import { TGI_CONTAINER_PORT, tgiArgs, tgiEnv, tgiImage } from "./tgi/command";
import { VLLM_CONTAINER_PORT, vllmArgs, vllmImage } from "./vllm/command";
import { vllmEnv } from "./vllm/memory-args";

/** TGI's README starts its container with `--shm-size 1g` (NCCL needs shared memory to shard). */
const TGI_DEFAULT_SHM = "1g";

export const engineImage = (instance: Instance): string =>
  instance.engine === "vllm" ? vllmImage(instance) : tgiImage(instance);

export const engineArgs = (instance: Instance): string[] =>
  instance.engine === "vllm" ? vllmArgs(instance, { inContainer: true }) : tgiArgs(instance, { inContainer: true });

/** `--gpus` as Docker wants a device list: the value itself carries double quotes. */
export const gpusValue = (instance: Instance): string =>
  instance.placement ? `"device=${instance.placement.gpuIndices.join(",")}"` : "all";

/** The words of the `docker run` that starts this instance. */
export function dockerRunWords(instance: Instance): string[] {
  const words = ["docker", "run", "-d", "--name", instance.id, "--gpus", gpusValue(instance)];
  if (instance.engine === "vllm") words.push("--ipc=host");
  if (instance.limits.shmBytes !== undefined) words.push("--shm-size", formatDockerSize(instance.limits.shmBytes));
  else if (instance.engine === "tgi") words.push("--shm-size", TGI_DEFAULT_SHM);
  const containerPort = instance.engine === "vllm" ? VLLM_CONTAINER_PORT : TGI_CONTAINER_PORT;
  words.push("-p", `${instance.port ?? containerPort}:${containerPort}`);
  const cacheMount = instance.engine === "vllm" ? "/root/.cache/huggingface" : "/data";
  words.push("-v", `~/.cache/huggingface:${cacheMount}`);
  if (instance.limits.memoryBytes !== undefined) words.push("--memory", formatDockerSize(instance.limits.memoryBytes));
  if (instance.limits.cpus !== undefined) words.push("--cpus", String(instance.limits.cpus));
  const env = instance.engine === "vllm" ? vllmEnv(instance) : tgiEnv(instance);
  for (const [key, value] of Object.entries(env)) words.push("-e", `${key}=${value}`);
  words.push("-e", "HF_TOKEN", engineImage(instance), ...engineArgs(instance));
  return words;
}

/** The `docker run` line, quoted for a POSIX shell; `multiline` breaks it with `\` continuations. */
export function dockerRunLine(instance: Instance, options: { multiline?: boolean } = {}): string {
  const quoted = dockerRunWords(instance).map(shellQuote);
  if (!options.multiline) return quoted.join(" ");
  const imageIndex = quoted.indexOf(shellQuote(engineImage(instance)));
  const lines: string[] = [quoted.slice(0, 2).join(" ")];
  for (let i = 2; i < quoted.length; i++) {
    const word = quoted[i] ?? "";
    const startsOption = word.startsWith("-") || i === imageIndex;
    if (startsOption || lines.length === 0) lines.push(word);
    else lines[lines.length - 1] += ` ${word}`;
  }
  return lines.join(" \\\n  ");
}
