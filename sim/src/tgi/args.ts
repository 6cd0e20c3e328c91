import { type ClapResult, type Env, parseClap } from "../cli/clap";
import { availableIn } from "../cli/spec";
import { TGI_OPTIONS } from "./flags";

/** text-generation-launcher's command line for a release, with the environment clap falls back to. */
export const parseTgiArgs = (args: readonly string[], version: string, env: Env): ClapResult =>
  parseClap(
    args,
    TGI_OPTIONS.filter((o) => availableIn(o, version)),
    env,
  );
