"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { archiveLayout } from "@/lib/actions/layouts/archive-layout";
import { duplicateLayout } from "@/lib/actions/layouts/duplicate-layout";
import { renameLayout } from "@/lib/actions/layouts/rename-layout";
import { restoreLayout } from "@/lib/actions/layouts/restore-layout";
import { buttonClass, primaryButtonClass } from "@/components/ui/buttons";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError, InputField } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useAction } from "@/components/ui/use-action";

/**
 * Rename, duplicate, archive or restore a saved layout. Shown only for what the caller may do: changing it needs
 * layout.write on it (owner, admin, or grants on all its hosts); duplicating needs only the right to create layouts.
 */
export function LayoutActions({
  layoutId,
  name,
  baseNumber,
  archived,
  mayChange,
  mayCreate,
}: {
  layoutId: string;
  name: string;
  baseNumber: number;
  archived: boolean;
  mayChange: boolean;
  mayCreate: boolean;
}) {
  const router = useRouter();
  const rename = useAction(renameLayout);
  const duplicate = useAction(duplicateLayout, { refresh: false });
  const archive = useAction(archiveLayout);
  const restore = useAction(restoreLayout);
  const [renaming, setRenaming] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const error = duplicate.error ?? archive.error ?? restore.error;
  return (
    <>
      {mayChange && !archived && (
        <Modal trigger="Rename" title={`Rename "${name}"`} open={renaming} onOpenChange={setRenaming}>
          <form
            aria-label="Rename the layout"
            onSubmit={(e) => {
              e.preventDefault();
              const next = String(new FormData(e.currentTarget).get("name") ?? "");
              rename.run({ layoutId, name: next, baseNumber }, () => setRenaming(false));
            }}
          >
            <FormError message={rename.error} />
            <InputField
              label="New name"
              name="name"
              defaultValue={name}
              hint="Saved as a new revision, so the history keeps the old name."
              error={rename.fieldErrors.name}
            />
            <button type="submit" className={primaryButtonClass} disabled={!rename.ready}>
              Rename
            </button>
          </form>
        </Modal>
      )}
      {mayCreate && (
        <button
          type="button"
          className={buttonClass}
          disabled={!duplicate.ready}
          onClick={() => duplicate.run({ layoutId }, (d) => router.push(`/layouts/${d.id}`))}
        >
          Duplicate
        </button>
      )}
      {mayChange &&
        (archived ? (
          <button
            type="button"
            className={buttonClass}
            disabled={!restore.ready}
            onClick={() => restore.run({ layoutId })}
          >
            Restore
          </button>
        ) : (
          <button type="button" className={buttonClass} onClick={() => setConfirmArchive(true)}>
            Archive
          </button>
        ))}
      <ConfirmDialog
        open={confirmArchive}
        title={`Archive "${name}"?`}
        description="It leaves the list of layouts; every revision stays, and you can restore it from Archived layouts."
        confirmLabel="Archive"
        onCancel={() => setConfirmArchive(false)}
        onConfirm={() => {
          setConfirmArchive(false);
          archive.run({ layoutId });
        }}
      />
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </>
  );
}
