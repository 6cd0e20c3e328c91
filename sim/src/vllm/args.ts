import { type ArgparseResult, parseArgparse } from "../cli/argparse";
import { atLeast, availableIn } from "../cli/spec";
import { VLLM_OPTIONS } from "./flags";

export type Entry = "serve" | "api_server";

/** vLLM's command line for a release: `vllm serve [model_tag] [options]` or the api_server module's flags. */
export function parseVllmArgs(args: readonly string[], version: string, entry: Entry): ArgparseResult {
  return parseArgparse(args, {
    prog: entry === "serve" ? "vllm serve" : "api_server.py",
    usage: entry === "serve" ? "vllm serve [model_tag] [options]" : "api_server.py [-h] [options]",
    options: VLLM_OPTIONS.filter((o) => availableIn(o, version)),
    ...(entry === "serve" ? { positional: "model_tag" } : {}),
    negatableBools: atLeast(version, "0.9.0"),
    plainSizes: !atLeast(version, "0.10.0"),
  });
}
