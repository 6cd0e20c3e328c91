import type { Instance } from "./layout-schema";

export type Severity = "error" | "warning";

/**
 * A problem found in a layout, a command or a budget: what is wrong, with which value,
 * and what to do instead. `patch`, when present, is the one-click fix for the instance.
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
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === "error");
