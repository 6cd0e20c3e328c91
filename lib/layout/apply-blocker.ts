import type { Layout } from "../vocabulary/layout-schema";
import { emptyPlanReason } from "./empty-plan-reason";
import type { RolloutStep } from "./rollout";

export interface ApplyCandidate {
  layoutName: string;
  archived: boolean;
  /** The revision's document. */
  layout: Pick<Layout, "instances">;
  /** planRollout(layout, running). */
  steps: readonly RolloutStep[];
}

const quoted = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(", ");

/**
 * Why a saved revision's plan cannot be applied as it stands, as a sentence shown beside the disabled confirm
 * button (what is wrong and what to do instead); null when it may be applied. These are the refusals the apply
 * action would answer with, known before asking: an archived layout, an empty plan, instances without a placement.
 */
export function applyBlocker({ layoutName, archived, layout, steps }: ApplyCandidate): string | null {
  if (archived) return `Layout "${layoutName}" is archived: restore it on its page before applying a revision of it.`;
  const empty = emptyPlanReason(layout, steps);
  if (empty) return empty;
  const unplaced = layout.instances.filter((i) => !i.placement).map((i) => i.id);
  if (unplaced.length === 0) return null;
  const these = unplaced.length === 1 ? "Instance" : "Instances";
  const them = unplaced.length === 1 ? "it" : "them";
  return `${these} ${quoted(unplaced)} of "${layoutName}" ${unplaced.length === 1 ? "has" : "have"} no placement, and a revision is applied as a whole: place ${them} on a host's GPUs in the designer and save a new revision.`;
}
