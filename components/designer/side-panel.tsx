"use client";
import type { ReactNode } from "react";
import { InstancePanel } from "./instance-panel";
import { NewInstancePanel } from "./new-instance-panel";
import { OverviewPanel } from "./overview-panel";
import { useDesignerContext } from "./use-designer";

/** What the side panel shows: the open instance, else the new-instance form for a selection, else the overview. */
export function SidePanel({ composing }: { composing: boolean }) {
  const { state, readOnly } = useDesignerContext();
  const open = state.openInstanceId ? state.layout.instances.find((i) => i.id === state.openInstanceId) : undefined;
  let body: ReactNode;
  if (open) body = <InstancePanel key={open.id} instance={open} />;
  else if (!readOnly && (state.selection || composing)) body = <NewInstancePanel selection={state.selection} />;
  else body = <OverviewPanel />;
  return (
    <aside
      aria-label="Details"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"
    >
      {body}
    </aside>
  );
}
