import type { Finding, Severity } from "../../vocabulary/finding";

/** What the layout-level summary groups findings by: the part of the plan they are about (the code's prefix). */
const AREAS: Record<string, string> = {
  gpu: "GPU memory",
  budget: "Memory budget",
  context: "Context length",
  quant: "Quantization",
  tp: "Tensor parallel",
  tgi: "TGI limits",
  placement: "Placement",
  layout: "Ports and names",
  host: "Host RAM and CPU",
  flag: "Pasted command",
  docker: "Pasted command",
  parse: "Pasted command",
  paste: "Pasted command",
};

export interface FindingsGroup {
  /** "error:GPU memory": stable across edits, for React keys and open/closed state. */
  key: string;
  severity: Severity;
  title: string;
  findings: Finding[];
}

export const areaOf = (code: string): string => AREAS[code.slice(0, code.indexOf("."))] ?? "Other";

/** Errors, then warnings; within each, one group per area, largest first (ties by title), findings in their order. */
export function groupFindings(findings: readonly Finding[]): FindingsGroup[] {
  const groups = new Map<string, FindingsGroup>();
  for (const finding of findings) {
    const title = areaOf(finding.code);
    const key = `${finding.severity}:${title}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, severity: finding.severity, title, findings: [] }));
    group.findings.push(finding);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      b.findings.length - a.findings.length ||
      a.title.localeCompare(b.title),
  );
}

/** "2 errors, 1 warning" / "No errors or warnings". */
export function countLine(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return "No errors or warnings";
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [errors ? part(errors, "error") : "", warnings ? part(warnings, "warning") : ""].filter(Boolean).join(", ");
}
