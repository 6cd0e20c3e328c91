/** One command-line option of a simulated engine, as its real parser declares it. */
export interface OptionSpec {
  /** Canonical long name, e.g. "--tensor-parallel-size". */
  name: string;
  aliases?: readonly string[];
  kind: "int" | "float" | "string" | "bool" | "choice" | "json" | "list" | "size";
  choices?: readonly string[];
  /** First release with the option, last release without it (exclusive). */
  since?: string;
  until?: string;
  /** TGI: the environment variable clap reads it from. */
  env?: string;
  /** argparse nargs="+": one or more values. */
  many?: boolean;
  /** Python/Rust-side name when it differs from the flag (e.g. TGI's quantize keeps the flag name). */
  dest?: string;
}

/** "0.10.2" ≥ "0.10"; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

export const atLeast = (version: string, since: string): boolean => compareVersions(version, since) >= 0;

export const availableIn = (spec: OptionSpec, version: string): boolean =>
  (spec.since === undefined || atLeast(version, spec.since)) &&
  (spec.until === undefined || !atLeast(version, spec.until));

/** "--max-model-len" → "max_model_len" */
export const destOf = (spec: OptionSpec): string => spec.dest ?? spec.name.replace(/^-+/, "").replace(/-/g, "_");
