import { readSimEnv, SimEnvError, type SimEnv } from "./env";
import { DEFAULT_LOAD_SECONDS, type FaceContext } from "./face";
import { hostFromEnv, visibleGpus } from "./gpu/from-env";
import type { SimGpu } from "./gpu/host";
import type { SimHost } from "./gpu/host";
import { type LineSink, processSink } from "./log";
import { DEFAULT_VLLM_VERSION } from "./versions";

export const FACES_HELP =
  "the command must start with one of: vllm serve <model> …, python3 -m vllm.entrypoints.openai.api_server …, " +
  "text-generation-launcher …, gpu-exporter, nvidia-smi (or, with FLEETDECK_SIM_ENGINE=vllm|tgi, the engine's flags alone)";

export type Face =
  | { face: "vllm"; entry: "serve" | "api_server"; args: string[] }
  | { face: "tgi"; args: string[] }
  | { face: "exporter"; args: string[] }
  | { face: "smi"; args: string[] }
  | { face: "version"; args: string[] }
  | { error: string };

/** The first word decides, as in the real images; flags alone go to FLEETDECK_SIM_ENGINE's face. */
export function pickFace(argv: readonly string[], engine: SimEnv["FLEETDECK_SIM_ENGINE"]): Face {
  const [first = "", ...rest] = argv;
  const name = first.split("/").pop() ?? first;
  if (name === "vllm") {
    if (rest[0] === "serve") return { face: "vllm", entry: "serve", args: rest.slice(1) };
    if (rest[0] === "--version" || rest[0] === "-v") return { face: "version", args: rest };
    return { error: `vllm ${rest[0] ?? ""}: the simulator plays only \`vllm serve\`; ${FACES_HELP}` };
  }
  if (/^python3?(\.\d+)?$/.test(name)) {
    if (rest[0] === "-m" && rest[1] === "vllm.entrypoints.openai.api_server")
      return { face: "vllm", entry: "api_server", args: rest.slice(2) };
    return {
      error: `${first} ${rest.slice(0, 2).join(" ")}: the simulator runs only python3 -m vllm.entrypoints.openai.api_server; ${FACES_HELP}`,
    };
  }
  if (name === "text-generation-launcher") return { face: "tgi", args: rest };
  if (name === "gpu-exporter" || name === "dcgm-exporter") return { face: "exporter", args: rest };
  if (name === "nvidia-smi") return { face: "smi", args: rest };
  if (first.startsWith("-") && engine === "vllm") return { face: "vllm", entry: "api_server", args: [...argv] };
  if (first.startsWith("-") && engine === "tgi") return { face: "tgi", args: [...argv] };
  if (first === "") return { error: `no command given: ${FACES_HELP}` };
  return { error: `unknown command "${first}": ${FACES_HELP}` };
}

export function defaultedLine(host: SimHost): string {
  const spec = host.gpus[0]!.spec;
  return `fleetdeck-sim: FLEETDECK_SIM_GPU is not set: playing ${host.gpus.length}× ${spec.name} (${spec.smiName ?? spec.name}); set FLEETDECK_SIM_GPU to a catalog GPU such as "RTX 4090D"`;
}

/** Runs the face the command names; resolves with the exit status (engines resolve only when they fail). */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  sink: LineSink = processSink,
): Promise<number> {
  let simEnv: SimEnv;
  let host: SimHost;
  try {
    simEnv = readSimEnv(env);
    host = hostFromEnv(simEnv);
  } catch (error) {
    if (!(error instanceof SimEnvError) && !(error instanceof Error)) throw error;
    sink.err(`fleetdeck-sim: ${(error as Error).message}`);
    return 2;
  }
  const face = pickFace(argv, simEnv.FLEETDECK_SIM_ENGINE);
  if ("error" in face) {
    sink.err(`fleetdeck-sim: ${face.error}`);
    return 2;
  }
  if (face.face === "smi") {
    if (host.defaulted) sink.err(defaultedLine(host));
    const { runSmi } = await import("./smi/main");
    return runSmi(face.args, simEnv, host, sink);
  }
  if (host.defaulted) sink.out(defaultedLine(host));
  if (face.face === "version") {
    sink.out(simEnv.FLEETDECK_SIM_ENGINE_VERSION ?? DEFAULT_VLLM_VERSION);
    return 0;
  }
  if (face.face === "exporter") {
    const { runExporter } = await import("./exporter/main");
    return runExporter(face.args, simEnv, host, sink);
  }
  let visible: SimGpu[];
  try {
    visible = visibleGpus(host, simEnv);
  } catch (error) {
    sink.err(`fleetdeck-sim: ${(error as Error).message}`);
    return 2;
  }
  const ctx: FaceContext = {
    env: simEnv,
    rawEnv: env,
    host,
    visible,
    sink,
    loadMs: (simEnv.FLEETDECK_SIM_LOAD_SECONDS ?? DEFAULT_LOAD_SECONDS) * 1000,
  };
  if (face.face === "vllm") {
    const { runVllm } = await import("./vllm/serve");
    return runVllm(face.args, face.entry, ctx);
  }
  const { runTgi } = await import("./tgi/launch");
  return runTgi(face.args, ctx);
}
