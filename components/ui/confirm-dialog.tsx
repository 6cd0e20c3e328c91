"use client";
import { AlertDialog } from "radix-ui";
import { buttonClass, primaryButtonClass } from "./buttons";

/**
 * Asks before a change that is hard to undo (a role, a deletion). Opened by the caller (`open`), not by a trigger
 * button, so a select's change or a row's button can ask; Cancel and Esc count as "no".
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(o) => !o && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,95vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900">
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 mb-4 text-sm text-slate-600 dark:text-slate-400">
            {description}
          </AlertDialog.Description>
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <button type="button" className={buttonClass}>
                Cancel
              </button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: closing would also call onCancel. The caller closes it by clearing `open`. */}
            <button type="button" className={primaryButtonClass} onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
