import type { Finding } from "../vocabulary/finding";

// Plain concatenation instead of JSON.stringify: this runs for every finding on every edit. The NUL separator cannot
// collide across fields, and "\u0001" stands for an absent field (distinct from an empty string or "null").
const ABSENT = "\u0001";

/** What makes two findings one problem: code, instance, host and GPU. */
export const findingKey = (f: Finding): string =>
  `${f.code}\u0000${f.instanceId ?? ABSENT}\u0000${f.hostId ?? ABSENT}\u0000${f.gpuIndex ?? ABSENT}`;

/**
 * Errors before warnings, otherwise in the order found; the first of each (code, instance, host, GPU) kept.
 * `keyOf` may remember keys of findings it has seen; it must return findingKey's.
 */
export function orderFindings(findings: readonly Finding[], keyOf: (f: Finding) => string = findingKey): Finding[] {
  const seen = new Set<string>();
  const errors: Finding[] = [];
  const others: Finding[] = [];
  for (const f of findings) {
    const key = keyOf(f);
    if (seen.has(key)) continue;
    seen.add(key);
    (f.severity === "error" ? errors : others).push(f);
  }
  return errors.concat(others);
}
