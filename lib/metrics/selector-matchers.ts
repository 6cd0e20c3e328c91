import type { LabelMatcher } from "./store/matchers";
import type { Selector } from "./query-schema";
import { GPU_LABEL, TARGET_LABEL, type TargetKind } from "./target-labels";

/** The selector and the source kind as label matchers (equality only: selector values are data, never patterns). */
export function selectorMatchers(selector: Selector, kind: TargetKind): LabelMatcher[] {
  const out: LabelMatcher[] = [{ label: TARGET_LABEL.kind, op: "=", value: kind }];
  if (selector.instance !== undefined) out.push({ label: TARGET_LABEL.instance, op: "=", value: selector.instance });
  if (selector.host !== undefined) out.push({ label: TARGET_LABEL.host, op: "=", value: selector.host });
  if (selector.gpu !== undefined) out.push({ label: GPU_LABEL, op: "=", value: selector.gpu });
  return out;
}
