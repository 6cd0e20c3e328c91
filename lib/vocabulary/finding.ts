import type { Instance } from "./layout-schema";

export type Severity = "error" | "warning";

/** One one-click fix: a patch of one instance (the finding's own unless `instanceId` names another), with its label. */
export interface FindingFix {
  label: string;
  patch: Partial<Instance>;
  instanceId?: string;
}

/**
 * A problem found in a layout, a command or a budget: what is wrong, with which value,
 * and what to do instead. `patch`, when present, is the one-click fix for the instance;
 * `fixes`, when a problem can be fixed in more than one way, lists every one-click fix (the first is `patch`).
 */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  fix: string;
  instanceId?: string;
  hostId?: string;
  gpuIndex?: number;
  /** The instance field (or CLI flag) at fault, e.g. "tp" or "--quantize". */
  field?: string;
  patch?: Partial<Instance>;
  fixes?: FindingFix[];
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === "error");

/** The one-click fixes a finding offers: each of `fixes`, else its `patch` labelled with its fix text, else none. */
export function fixesOf(finding: Finding): FindingFix[] {
  if (finding.fixes && finding.fixes.length > 0) return finding.fixes;
  return finding.patch ? [{ label: finding.fix, patch: finding.patch }] : [];
}
