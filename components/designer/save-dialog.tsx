"use client";
import { memo, useCallback, useLayoutEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { primaryButtonClass } from "../ui/buttons";
import { inputClass } from "../ui/field";
import { Modal } from "../ui/modal";

type OnSave = (note: string) => Promise<ActionResult<unknown>>;

/**
 * Saves the layout as a new immutable revision with a note. `onSave` may be a new function on every render (it closes
 * over the current layout): the latest one is called, and the dialog itself re-renders only when trigger/disabled change.
 */
export function SaveDialog({ trigger, onSave, disabled }: { trigger: string; onSave: OnSave; disabled?: boolean }) {
  const latest = useRef(onSave);
  useLayoutEffect(() => {
    latest.current = onSave;
  });
  const save = useCallback<OnSave>((note) => latest.current(note), []);
  return <SaveDialogModal trigger={trigger} onSave={save} disabled={disabled} />;
}

const SaveDialogModal = memo(function SaveDialogModal({
  trigger,
  onSave,
  disabled,
}: {
  trigger: string;
  onSave: OnSave;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      const result = await onSave(note.trim());
      if (result.ok) {
        setOpen(false);
        setNote("");
        setError(null);
      } else setError(result.error);
    });
  return (
    <Modal
      trigger={trigger}
      title={trigger}
      description="Revisions never change once saved; each has its own link."
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
      disabled={disabled}
    >
      <label htmlFor="revision-note" className="block text-xs font-medium">
        Note (what changed and why)
      </label>
      <textarea
        id="revision-note"
        rows={3}
        className={inputClass}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
      />
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="button" className={`${primaryButtonClass} mt-3`} onClick={save} disabled={pending}>
        {pending ? "Saving…" : "Save revision"}
      </button>
    </Modal>
  );
});
