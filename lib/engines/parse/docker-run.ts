import type { Engine } from "../../vocabulary/layout-schema";
import type { InstancePatch } from "../patch";
import { TGI_CONTAINER_PORT, TGI_LAUNCHER_PORT } from "../tgi/command";
import { versionFromTag } from "../../vocabulary/version";
import { VLLM_CONTAINER_PORT } from "../vllm/command";
import { classifyCommand, type ClassifiedCommand } from "./classify";
import { checkDockerOptions } from "./docker-checks";
import { parseDockerOptions } from "./docker-options";
import { parseEngineArgs, parseVisibleDevices } from "./engine-command";
import type { ParsedDraft, ParseOptions } from "./index";

/** The engine an image runs, from its repository name. */
export function engineOfImage(image: string): Engine | undefined {
  const repository = image.split(":")[0]?.toLowerCase() ?? "";
  if (repository.includes("text-generation-inference") || repository.includes("tgi")) return "tgi";
  if (repository.includes("vllm")) return "vllm";
  return undefined;
}

/** Guesses the engine from its flags when the image does not say (a private mirror, a custom build). */
function engineOfArgs(words: readonly string[]): Engine {
  return words.some((word) => word.startsWith("--model-id") || word.startsWith("--num-shard")) ? "tgi" : "vllm";
}

/** `docker run [docker options] <image> [engine args]`. */
export function parseDockerArgs(command: ClassifiedCommand, options: ParseOptions): ParsedDraft {
  const docker = parseDockerOptions(command.args);
  const image = docker.image ?? "";
  const tag = image.includes(":") ? image.slice(image.lastIndexOf(":") + 1) : undefined;
  const engineVersion = versionFromTag(tag);
  const notes: string[] = [];

  // The image may be followed by a command of its own (`… image vllm serve m`).
  const inner = docker.rest[0] && !docker.rest[0].startsWith("-") ? classifyCommand(docker.rest) : undefined;
  const innerSource = inner && inner.source !== "other" && inner.source !== "docker-run" ? inner.source : undefined;
  const engine =
    innerSource === "tgi-launcher" ? "tgi" : innerSource ? "vllm" : (engineOfImage(image) ?? engineOfArgs(docker.rest));
  if (!engineOfImage(image) && !innerSource)
    notes.push(`Image "${image}" does not name vLLM or TGI; read its arguments as ${engine}.`);
  if (!engineVersion)
    notes.push(
      `Image tag "${tag ?? "latest"}" is not a release number; checked against the newest ${engine === "vllm" ? "vLLM" : "TGI"}.`,
    );

  const source = innerSource ?? (engine === "vllm" ? "vllm-api-server" : "tgi-launcher");
  const words = innerSource && inner ? inner.args : docker.rest;
  const parsed = parseEngineArgs({
    engine,
    source,
    words,
    env: { ...docker.env, ...(inner?.env ?? {}) },
    engineVersion,
    lookup: options.lookup,
  });

  const draft: InstancePatch = { ...parsed.draft };
  const gpuIndices =
    docker.gpus?.kind === "devices" ? docker.gpus.indices : parseVisibleDevices(docker.env.CUDA_VISIBLE_DEVICES);
  // TGI shards over every visible GPU unless --num-shard says otherwise.
  if (engine === "tgi" && draft.tp === undefined) {
    const visible =
      docker.gpus?.kind === "devices"
        ? docker.gpus.indices.length
        : docker.gpus?.kind === "count"
          ? docker.gpus.count
          : undefined;
    if (visible !== undefined && visible > 1) draft.tp = visible;
    if (docker.gpus?.kind === "all")
      notes.push(
        "TGI shards over all visible GPUs without --num-shard; the shard count is read as 1 here. Add --num-shard to be explicit.",
      );
  }
  const limits = {
    ...(docker.memoryBytes !== undefined ? { memoryBytes: docker.memoryBytes } : {}),
    ...(docker.cpus !== undefined ? { cpus: docker.cpus } : {}),
    ...(docker.shmBytes !== undefined ? { shmBytes: docker.shmBytes } : {}),
  };
  if (Object.keys(limits).length > 0) draft.limits = limits;
  const listenPort = draft.port ?? (engine === "vllm" ? VLLM_CONTAINER_PORT : TGI_CONTAINER_PORT);
  // Inside the container the engine's own --port is not what operators reach; the published host port is.
  if (docker.publish) draft.port = docker.publish.hostPort;
  else delete draft.port;

  const findings = [
    ...docker.findings,
    ...parsed.findings,
    ...checkDockerOptions({
      engine,
      docker,
      tp: draft.tp ?? 1,
      listenPort: innerSource === "tgi-launcher" && parsed.draft.port === undefined ? TGI_LAUNCHER_PORT : listenPort,
    }),
  ];
  return {
    source: "docker-run",
    engine,
    draft,
    findings,
    notes: [...notes, ...parsed.notes],
    image,
    ...(gpuIndices ? { gpuIndices } : {}),
    ...(docker.name ? { name: docker.name } : {}),
  };
}
