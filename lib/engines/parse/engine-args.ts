import type { Engine } from "../../vocabulary/layout-schema";
import { findFlag } from "../flag-table";
import type { RawFlag } from "../types";

export interface SplitArgs {
  flags: RawFlag[];
  positionals: string[];
}

const OTHER_ENGINE: Record<Engine, Engine> = { vllm: "tgi", tgi: "vllm" };

/** Whether a word looks like a flag rather than a value (negative numbers are values). */
const looksLikeFlag = (word: string): boolean => word.startsWith("-") && !/^-\d/.test(word);

/**
 * Splits engine arguments into flags and positionals. A flag takes the next word as its value
 * unless the engine (or, for a flag from the other engine, that engine) defines it as a switch.
 */
export function splitEngineArgs(engine: Engine, words: readonly string[]): SplitArgs {
  const flags: RawFlag[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (!looksLikeFlag(word)) {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    if (word.startsWith("--") && eq > 0) {
      flags.push({ flag: word.slice(0, eq), value: word.slice(eq + 1) });
      continue;
    }
    const own = findFlag(engine, word);
    const spec = own ?? findFlag(OTHER_ENGINE[engine], word);
    const next = words[i + 1];
    // vLLM's list flags are argparse nargs="+": every following word up to the next flag (TGI's take one, comma-split).
    if (own?.kind === "list" && engine === "vllm" && next !== undefined && !looksLikeFlag(next)) {
      const values: string[] = [];
      while (i + 1 < words.length && !looksLikeFlag(words[i + 1] ?? "")) values.push(words[++i] ?? "");
      flags.push({ flag: word, value: values.join(",") });
      continue;
    }
    const takesValue = spec ? spec.kind !== "bool" : next !== undefined && !looksLikeFlag(next);
    if (takesValue && next !== undefined && !looksLikeFlag(next)) {
      flags.push({ flag: word, value: next });
      i += 1;
    } else {
      flags.push({ flag: word });
    }
  }
  return { flags, positionals };
}
