import type { RolloutAction, RolloutStep } from "@/lib/layout/rollout";

const TITLES: Record<RolloutAction, string> = {
  stop: "Stop",
  replace: "Replace (stop, then start)",
  start: "Start",
  keep: "Keep running",
};
const ORDER: RolloutAction[] = ["stop", "replace", "start", "keep"];

/**
 * A rollout plan (planRollout's steps) grouped as Stop, Replace, Start and Keep running, each group a region named
 * after it, each instance with its reason. Shared by the designer's "Apply…" dialog and the Instances page.
 */
export function RolloutPlan({ steps }: { steps: readonly RolloutStep[] }) {
  return ORDER.map((action) => {
    const group = steps.filter((s) => s.action === action);
    if (group.length === 0) return null;
    return (
      <section key={action} aria-label={TITLES[action]} className="mb-3">
        <h3 className="text-sm font-semibold">
          {TITLES[action]} ({group.length})
        </h3>
        <ul className="list-disc pl-5 text-sm">
          {group.map((s) => (
            <li key={`${s.action}-${s.instanceId}`}>
              {s.instanceId}: {s.reason}
            </li>
          ))}
        </ul>
      </section>
    );
  });
}
