"use client";
import { memo, useMemo, useState } from "react";
import { type RolloutAction, type RunningInstance, planRollout } from "@/lib/layout/rollout";
import { hasErrors } from "@/lib/vocabulary/finding";
import { Modal } from "../ui/modal";
import { useDesignerContext } from "./use-designer";

const TITLES: Record<RolloutAction, string> = {
  stop: "Stop",
  replace: "Replace (stop, then start)",
  start: "Start",
  keep: "Keep running",
};
const ORDER: RolloutAction[] = ["stop", "replace", "start", "keep"];

/**
 * "Apply" shows the plan first: what starts, stops or is replaced, from the diff between this layout and what runs.
 * Memoized; the plan (and the layout it reads) is computed only while the dialog is open.
 */
export const RolloutDialog = memo(function RolloutDialog({ running }: { running: RunningInstance[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Modal
      trigger="Apply…"
      title="Plan before apply"
      description={`Compared with the ${running.length} instance${running.length === 1 ? "" : "s"} running for this layout now.`}
      open={open}
      onOpenChange={setOpen}
    >
      <RolloutSteps running={running} />
    </Modal>
  );
});

function RolloutSteps({ running }: { running: RunningInstance[] }) {
  const { state, design } = useDesignerContext();
  const steps = useMemo(() => planRollout(state.layout, running), [state.layout, running]);
  const blocked = hasErrors(design.findings.all);
  return (
    <>
      {ORDER.map((action) => {
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
      })}
      {steps.length === 0 && <p className="text-sm">Nothing to do: the layout has no instances and nothing runs.</p>}
      <p role="note" className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        {blocked ? "The layout has errors: fix them before applying. " : ""}Applying is done by the runtime (containers
        on the hosts); this page shows the plan it will follow.
      </p>
    </>
  );
}
