/** One label matcher, PromQL's four kinds; regexes are fully anchored as in PromQL. */
export interface LabelMatcher {
  label: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

export type CompiledMatcher = (labels: Readonly<Record<string, string>>) => boolean;

export function compileMatcher(m: LabelMatcher): CompiledMatcher {
  if (m.op === "=") return (labels) => (labels[m.label] ?? "") === m.value;
  if (m.op === "!=") return (labels) => (labels[m.label] ?? "") !== m.value;
  const re = new RegExp(`^(?:${m.value})$`);
  return m.op === "=~" ? (labels) => re.test(labels[m.label] ?? "") : (labels) => !re.test(labels[m.label] ?? "");
}
