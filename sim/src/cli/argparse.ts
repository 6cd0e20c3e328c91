import { destOf, type OptionSpec } from "./spec";
import { convertValue } from "./values";

/**
 * Python argparse as vLLM's FlexibleArgumentParser drives it: `--flag value`, `--flag=value`,
 * underscores for dashes (`--max_model_len`), `--no-<flag>` for booleans (BooleanOptionalAction),
 * unique prefixes (`--kv-cache-memory`), `-O3`, dotted JSON keys (`--hf-overrides.rope_scaling.factor 4`),
 * one optional positional. Errors read like argparse's and exit 2.
 */
export interface ArgparseConfig {
  prog: string;
  usage: string;
  options: readonly OptionSpec[];
  /** Name of the optional positional (vllm serve's model_tag). */
  positional?: string;
  /** BooleanOptionalAction: `--no-enforce-eager` (vLLM ≥ 0.9). */
  negatableBools: boolean;
  /** Bare integers for size options (before human_readable_int). */
  plainSizes: boolean;
}

export type ParsedArgs = { values: Record<string, unknown>; given: string[] };
export type ArgparseResult = { ok: true; args: ParsedArgs } | { ok: false; message: string; exitCode: 2 };

class ArgparseError extends Error {}

const looksLikeOption = (token: string) => token.startsWith("-") && token.length > 1 && !/^-\d/.test(token);
const display = (spec: OptionSpec) => [spec.name, ...(spec.aliases ?? [])].join("/");

export function parseArgparse(tokens: readonly string[], config: ArgparseConfig): ArgparseResult {
  try {
    return { ok: true, args: parse(tokens, config) };
  } catch (error) {
    if (!(error instanceof ArgparseError)) throw error;
    return { ok: false, message: `usage: ${config.usage}\n${config.prog}: error: ${error.message}\n`, exitCode: 2 };
  }
}

function parse(tokens: readonly string[], config: ArgparseConfig): ParsedArgs {
  const values: Record<string, unknown> = {};
  const given: string[] = [];
  const unknown: string[] = [];
  const set = (dest: string, value: unknown) => {
    values[dest] = value;
    if (!given.includes(dest)) given.push(dest);
  };
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (token === "--") {
      unknown.push(...tokens.slice(at + 1));
      break;
    }
    if (!looksLikeOption(token)) {
      if (config.positional && !given.includes(config.positional)) set(config.positional, token);
      else unknown.push(token);
      continue;
    }
    const [rawName = "", inline] = splitInline(token);
    const match = resolve(rawName, config);
    if (!match) {
      unknown.push(token);
      continue;
    }
    const { spec, negated, path } = match;
    const dest = destOf(spec);
    if (spec.kind === "bool") {
      if (inline !== undefined)
        throw new ArgparseError(`argument ${display(spec)}: ignored explicit argument '${inline}'`);
      set(dest, !negated);
      continue;
    }
    let raw: string[];
    if (inline !== undefined) raw = [inline];
    else {
      raw = [];
      while (at + 1 < tokens.length && !looksLikeOption(tokens[at + 1]!) && (spec.many || raw.length === 0))
        raw.push(tokens[++at]!);
      if (raw.length === 0)
        throw new ArgparseError(
          `argument ${display(spec)}: expected ${spec.many ? "at least one argument" : "one argument"}`,
        );
    }
    if (path.length > 0) {
      set(dest, withPath(values[dest], path, jsonOrText(raw[0]!)));
      continue;
    }
    const converted = raw.map((value) => convert(spec, value, config));
    set(dest, spec.many ? converted : converted[0]);
  }
  if (unknown.length > 0) throw new ArgparseError(`unrecognized arguments: ${unknown.join(" ")}`);
  return { values, given };
}

function splitInline(token: string): [string, string | undefined] {
  if (/^-O\d/.test(token)) return ["-O", token.slice(2)];
  const eq = token.indexOf("=");
  return eq < 0 ? [token, undefined] : [token.slice(0, eq), token.slice(eq + 1)];
}

function resolve(
  rawName: string,
  config: ArgparseConfig,
): { spec: OptionSpec; negated: boolean; path: string[] } | undefined {
  const [head = "", ...path] = rawName.split(".");
  const name = head.startsWith("--") ? `--${head.slice(2).replace(/_/g, "-")}` : head;
  const exact = config.options.find((o) => o.name === name || o.aliases?.includes(name));
  if (exact) return exact.kind === "json" || path.length === 0 ? { spec: exact, negated: false, path } : undefined;
  if (config.negatableBools && name.startsWith("--no-")) {
    const spec = config.options.find((o) => o.kind === "bool" && o.name === `--${name.slice(5)}`);
    if (spec) return { spec, negated: true, path: [] };
  }
  if (!name.startsWith("--") || path.length > 0) return undefined;
  const candidates = config.options.filter((o) => o.name.startsWith(name));
  if (candidates.length > 1) {
    throw new ArgparseError(`ambiguous option: ${name} could match ${candidates.map((o) => o.name).join(", ")}`);
  }
  return candidates[0] ? { spec: candidates[0], negated: false, path: [] } : undefined;
}

function convert(spec: OptionSpec, value: string, config: ArgparseConfig): unknown {
  const result = convertValue(spec, value, config.plainSizes);
  if (result.ok) return result.value;
  throw new ArgparseError(`argument ${display(spec)}: ${result.message}`);
}

function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function withPath(current: unknown, path: string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> =
    typeof current === "object" && current !== null ? { ...(current as Record<string, unknown>) } : {};
  let node = root;
  path.forEach((key, index) => {
    if (index === path.length - 1) node[key] = value;
    else {
      const next =
        typeof node[key] === "object" && node[key] !== null ? { ...(node[key] as Record<string, unknown>) } : {};
      node[key] = next;
      node = next;
    }
  });
  return root;
}
