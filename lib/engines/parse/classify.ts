import type { CommandSource } from "../types";

export interface ClassifiedCommand {
  source: CommandSource | "other";
  /** Words after the program (and `run` / `serve` / `-m module`). */
  args: string[];
  /** `VAR=value` assignments written before the program. */
  env: Record<string, string>;
  /** The command as typed, for notes. */
  text: string;
}

const WRAPPERS = new Set(["sudo", "nohup", "exec", "time", "env"]);
const DOCKER_PROGRAMS = new Set(["docker", "podman", "nvidia-docker"]);
const PYTHON = /^python(\d(\.\d+)?)?$/;

/** Recognizes the command kinds the parser reads; everything else is "other". */
export function classifyCommand(words: readonly string[]): ClassifiedCommand {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] ?? "";
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
    if (assignment) env[assignment[1] ?? ""] = assignment[2] ?? "";
    else if (!WRAPPERS.has(word)) break;
  }
  const program = (words[i] ?? "").split("/").pop() ?? "";
  const rest = words.slice(i + 1);
  const text = words.join(" ");
  const other = { source: "other" as const, args: rest, env, text };

  if (DOCKER_PROGRAMS.has(program)) {
    if (rest[0] === "run") return { source: "docker-run", args: rest.slice(1), env, text };
    if (rest[0] === "container" && rest[1] === "run") return { source: "docker-run", args: rest.slice(2), env, text };
    return other;
  }
  if (program === "vllm" && rest[0] === "serve") return { source: "vllm-serve", args: rest.slice(1), env, text };
  if (program === "text-generation-launcher") return { source: "tgi-launcher", args: rest, env, text };
  if (PYTHON.test(program) && rest[0] === "-m" && rest[1] === "vllm.entrypoints.openai.api_server") {
    return { source: "vllm-api-server", args: rest.slice(2), env, text };
  }
  return other;
}
