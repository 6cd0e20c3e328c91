"use client";
import type { ReactNode } from "react";
import { buttonClass } from "../ui/buttons";
import { InstancePanel } from "./instance-panel";
import { NewInstancePanel } from "./new-instance-panel";
import { OverviewPanel } from "./overview-panel";
import { useDesignerContext } from "./use-designer";

/**
 * What the side panel shows: the open instance, else the new-instance form for a selection, else the overview. From
 * 1280 px it is a column beside the grid; below, an overlay drawer from the right (so a 4-GPU host stays whole), open
 * while there is something to show (`drawerOpen`) and closed by its button or Escape.
 */
export function SidePanel({
  composing,
  drawerOpen,
  onClose,
}: {
  composing: boolean;
  drawerOpen: boolean;
  onClose: () => void;
}) {
  const { state, readOnly } = useDesignerContext();
  const open = state.openInstanceId ? state.layout.instances.find((i) => i.id === state.openInstanceId) : undefined;
  let body: ReactNode;
  if (open) body = <InstancePanel key={open.id} instance={open} />;
  else if (!readOnly && (state.selection || composing)) body = <NewInstancePanel selection={state.selection} />;
  else body = <OverviewPanel />;
  return (
    <aside
      aria-label="Details"
      data-drawer={drawerOpen ? "open" : "closed"}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !e.defaultPrevented && window.matchMedia("(max-width: 1279.98px)").matches) onClose();
      }}
      className={`${
        drawerOpen ? "fixed inset-y-0 right-0 z-40 w-[min(26rem,100vw)] overflow-y-auto border-l shadow-2xl" : "hidden"
      } border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 xl:sticky xl:top-4 xl:z-auto xl:block xl:max-h-[calc(100vh-2rem)] xl:w-auto xl:overflow-y-auto xl:rounded-lg xl:border xl:shadow-none`}
    >
      <div className="mb-3 flex justify-end xl:hidden">
        <button type="button" className={buttonClass} onClick={onClose}>
          Close details
        </button>
      </div>
      {body}
    </aside>
  );
}
