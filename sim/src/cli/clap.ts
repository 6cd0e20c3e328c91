import { destOf, type OptionSpec } from "./spec";

/**
 * Rust clap 4 (derive, `env` feature) as text-generation-launcher uses it: `--flag value`,
 * `--flag=value`, `-p 80`/`-p80`, no abbreviations, each option also from its environment variable
 * (the command line wins), values checked as they are read. Errors read like clap's and exit 2.
 */
export type Env = Readonly<Record<string, string | undefined>>;
export type ClapResult =
  | { ok: true; values: Record<string, unknown>; given: string[] }
  | { ok: false; message: string; exitCode: 2 };

class ClapError extends Error {}

const USAGE = "Usage: text-generation-launcher [OPTIONS]";
const FOOTER = "For more information, try '--help'.";
const valueName = (spec: OptionSpec) => `<${destOf(spec).toUpperCase()}>`;
const shown = (spec: OptionSpec) => (spec.kind === "bool" ? spec.name : `${spec.name} ${valueName(spec)}`);

export function parseClap(argv: readonly string[], options: readonly OptionSpec[], env: Env): ClapResult {
  try {
    return { ok: true, ...parse(argv, options, env) };
  } catch (error) {
    if (!(error instanceof ClapError)) throw error;
    return { ok: false, message: `error: ${error.message}\n\n${FOOTER}\n`, exitCode: 2 };
  }
}

function parse(argv: readonly string[], options: readonly OptionSpec[], env: Env) {
  const values: Record<string, unknown> = {};
  const given: string[] = [];
  for (let at = 0; at < argv.length; at++) {
    const token = argv[at]!;
    const [name, inline] = split(token);
    const spec = options.find((o) => o.name === name || o.aliases?.includes(name));
    if (!spec) throw unexpected(token, options);
    const dest = destOf(spec);
    if (given.includes(dest) && !spec.many)
      throw new ClapError(`the argument '${shown(spec)}' cannot be used multiple times\n\n${USAGE}`);
    if (spec.kind === "bool") {
      if (inline !== undefined)
        throw new ClapError(`unexpected value '${inline}' for '${spec.name}' found; no more were expected\n\n${USAGE}`);
      values[dest] = true;
    } else {
      let raw = inline;
      if (raw === undefined) {
        const next = argv[at + 1];
        if (next === undefined || (next.startsWith("-") && !/^-\d/.test(next)))
          throw new ClapError(`a value is required for '${shown(spec)}' but none was supplied`);
        raw = next;
        at += 1;
      }
      const value = convert(spec, raw);
      values[dest] = spec.many ? [...((values[dest] as unknown[]) ?? []), value] : value;
    }
    given.push(dest);
  }
  for (const spec of options) {
    const dest = destOf(spec);
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (given.includes(dest) || fromEnv === undefined) continue;
    if (spec.kind === "bool")
      values[dest] = !["", "n", "no", "f", "false", "off", "0"].includes(fromEnv.trim().toLowerCase());
    else values[dest] = spec.many ? [convert(spec, fromEnv)] : convert(spec, fromEnv);
    given.push(dest);
  }
  return { values, given };
}

function split(token: string): [string, string | undefined] {
  if (/^-[a-z]./.test(token) && !token.startsWith("--")) return [token.slice(0, 2), token.slice(2).replace(/^=/, "")];
  const eq = token.indexOf("=");
  return token.startsWith("--") && eq > 0 ? [token.slice(0, eq), token.slice(eq + 1)] : [token, undefined];
}

function convert(spec: OptionSpec, raw: string): unknown {
  const fail = (why: string) => new ClapError(`invalid value '${raw}' for '${shown(spec)}': ${why}`);
  switch (spec.kind) {
    case "int": {
      if (raw === "") throw fail("cannot parse integer from empty string");
      if (!/^\+?\d+$/.test(raw)) throw fail("invalid digit found in string");
      const n = Number(raw);
      if (spec.name === "--port" || spec.name === "--prometheus-port")
        if (n > 65535) throw fail(`${n} is not in 0..=65535`);
      return n;
    }
    case "float":
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) && !/^[+-]?(inf|infinity|nan)$/i.test(raw))
        throw fail("invalid float literal");
      return Number(raw);
    case "choice": {
      if (spec.choices?.includes(raw)) return raw;
      const similar = bestMatch(raw, spec.choices ?? []);
      const tip = similar ? `\n\n  tip: a similar value exists: '${similar}'` : "";
      throw new ClapError(
        `invalid value '${raw}' for '${shown(spec)}'\n  [possible values: ${(spec.choices ?? []).join(", ")}]${tip}`,
      );
    }
    case "list":
      return raw.split(",").map((part) => {
        if (!/^\d+$/.test(part)) throw fail("invalid digit found in string");
        return Number(part);
      });
    default:
      return raw;
  }
}

function unexpected(token: string, options: readonly OptionSpec[]): ClapError {
  const bare = token.replace(/^-+/, "").split("=")[0] ?? "";
  const similar = token.startsWith("--")
    ? bestMatch(
        bare,
        options.map((o) => o.name.slice(2)),
      )
    : undefined;
  const tip = similar ? `\n\n  tip: a similar argument exists: '--${similar}'` : "";
  if (!token.startsWith("-")) return new ClapError(`unexpected argument '${token}' found\n\n${USAGE}`);
  return new ClapError(`unexpected argument '${token.split("=")[0]}' found${tip}\n\n${USAGE}`);
}

/** clap's did_you_mean: the candidate with the highest Jaro similarity above 0.7. */
function bestMatch(value: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const score = jaro(value, name);
    if (score > 0.7 && (!best || score > best.score)) best = { name, score };
  }
  return best?.name;
}

/** strsim::jaro */
export function jaro(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}
