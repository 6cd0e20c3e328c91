import type { ContainerSpec } from "../../spec/container-spec";

/** What a local-sim engine process is started with: the simulator bundle, the engine's arguments, its environment. */
export interface SimCommand {
  engine: "vllm" | "tgi";
  argv: string[];
  env: Record<string, string>;
}

/**
 * The container spec as a child process of the simulator: the same engine arguments, bound to 127.0.0.1 on `port`
 * (vLLM's --host/--port, TGI's --hostname/--port), the same simulator environment with the host's state directory
 * on this machine. Nothing of the server's own environment is passed on.
 */
export function simCommand(spec: ContainerSpec, port: number, stateDir: string): SimCommand | { error: string } {
  const engine = spec.env.FLEETDECK_SIM_ENGINE;
  if (engine !== "vllm" && engine !== "tgi") {
    return { error: `${spec.name}: a local-sim host runs only simulated engines; give the host simulated GPUs` };
  }
  const bind = engine === "vllm" ? ["--host", "127.0.0.1"] : ["--hostname", "127.0.0.1"];
  const env: Record<string, string> = { ...spec.env, FLEETDECK_SIM_STATE_DIR: stateDir };
  if (process.env.PATH) env.PATH = process.env.PATH;
  return { engine, argv: [...spec.args, ...bind, "--port", String(port)], env };
}
