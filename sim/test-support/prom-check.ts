import { spawnSync } from "node:child_process";

export interface ExpositionCheck {
  /** promtool's parse error, or the strict reader's; undefined when the text parses. */
  parseError?: string;
  /** promtool's lint findings ("name metric names should not contain ':'"), one per line. */
  lints: string[];
  checker: "promtool" | "strict reader";
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*)?\})? (\S+)$/;

/** A strict reader of the text format, for machines without promtool: names, labels, values, HELP/TYPE order. */
export function strictParse(text: string): string | undefined {
  const typed = new Map<string, string>();
  const seenSamples = new Set<string>();
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line === "" && i === lines.length - 1) continue;
    if (line === "") continue;
    const help = /^# HELP (\S+) .*$/.exec(line);
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (help || type) {
      const name = (help ?? type)![1]!;
      if (!NAME.test(name)) return `line ${i + 1}: bad metric name ${name}`;
      if (type) {
        if (typed.has(name)) return `line ${i + 1}: second TYPE for ${name}`;
        if (seenSamples.has(name)) return `line ${i + 1}: TYPE for ${name} after its samples`;
        typed.set(name, type[2]!);
      }
      continue;
    }
    if (line.startsWith("#")) return `line ${i + 1}: unknown comment: ${line}`;
    const sample = SAMPLE.exec(line);
    if (!sample) return `line ${i + 1}: not a sample: ${line}`;
    const value = sample[3]!;
    if (!/^([+-]?Inf|NaN|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(value))
      return `line ${i + 1}: bad value ${value}`;
    seenSamples.add(sample[1]!.replace(/_(bucket|sum|count)$/, ""));
  }
  return undefined;
}

/** `promtool check metrics` when installed (exit 0: clean, 3: lint findings, 1: parse error), else the strict reader. */
export function checkExposition(text: string): ExpositionCheck {
  const run = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  if (run.error) {
    const parseError = strictParse(text);
    return { ...(parseError ? { parseError } : {}), lints: [], checker: "strict reader" };
  }
  const output = `${run.stdout}${run.stderr}`.trim();
  const parseError = run.status === 1 || /error while linting/.test(output) ? output : undefined;
  return {
    ...(parseError ? { parseError } : {}),
    lints: run.status === 3 ? output.split("\n").filter(Boolean) : [],
    checker: "promtool",
  };
}

/** The lint findings with the metric name removed, deduplicated: "metric names should not contain ':'". */
export const lintKinds = (lints: readonly string[]): string[] =>
  [...new Set(lints.map((l) => l.replace(/^\S+ /, "")))].sort();
