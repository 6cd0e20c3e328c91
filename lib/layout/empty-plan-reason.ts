import type { Layout } from "../vocabulary/layout-schema";
import type { RolloutStep } from "./rollout";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Why a rollout plan has no step (nothing to start, stop, replace or keep), as a sentence for the disabled Apply
 * button; null when the plan has steps. A plan is empty only when nothing runs and no instance of the layout is placed.
 */
export function emptyPlanReason(layout: Pick<Layout, "instances">, steps: readonly RolloutStep[]): string | null {
  if (steps.length > 0) return null;
  const count = layout.instances.length;
  if (count === 0) return "Nothing to apply: the layout has no instances and nothing runs for it.";
  return `Nothing to apply: none of the layout's ${plural(count, "instance")} is placed on a host's GPUs, and nothing runs for it. Place ${count === 1 ? "it" : "them"} in the designer and save a new revision.`;
}
