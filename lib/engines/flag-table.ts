import type { Engine } from "../vocabulary/layout-schema";
import { TGI_FLAGS } from "./tgi/flags";
import type { FlagSpec } from "./types";
import { VLLM_FLAGS } from "./vllm/flags";

export const FLAG_TABLES: Record<Engine, readonly FlagSpec[]> = { vllm: VLLM_FLAGS, tgi: TGI_FLAGS };

export const ENGINE_LABEL: Record<Engine, string> = { vllm: "vLLM", tgi: "TGI" };

/** How the engine's parser normalizes a typed flag: vLLM turns `_` into `-`, clap (TGI) does not. */
export function normalizeFlag(engine: Engine, typed: string): string {
  const [name] = typed.split("=", 1);
  const flag = name ?? typed;
  if (engine === "vllm" && flag.startsWith("--")) return `--${flag.slice(2).replaceAll("_", "-")}`;
  return flag;
}

/** The spec for a flag as typed, by name or alias (and `--no-x` for negatable ones). */
export function findFlag(engine: Engine, typed: string): FlagSpec | undefined {
  const flag = normalizeFlag(engine, typed);
  const table = FLAG_TABLES[engine];
  const direct = table.find((spec) => spec.name === flag || spec.aliases?.includes(flag));
  if (direct) return direct;
  if (flag.startsWith("--no-")) {
    const positive = `--${flag.slice(5)}`;
    return table.find((spec) => spec.negatable && spec.name === positive);
  }
  return undefined;
}

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The real flag closest to a mistyped one, when it is close enough to be a likely typo. */
export function closestFlag(engine: Engine, typed: string): string | undefined {
  const flag = normalizeFlag(engine, typed).replaceAll("_", "-");
  let best: { name: string; distance: number } | undefined;
  for (const spec of FLAG_TABLES[engine]) {
    const distance = editDistance(flag, spec.name);
    if (!best || distance < best.distance) best = { name: spec.name, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(flag.length / 3)) ? best.name : undefined;
}

/** The value as it would be written on a command line, e.g. "0.9" or "true". */
export const defaultAsString = (spec: FlagSpec): string | undefined =>
  spec.default === undefined ? undefined : String(spec.default);
