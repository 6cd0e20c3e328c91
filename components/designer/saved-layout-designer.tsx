"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import type { ApplyResult } from "@/lib/actions/instances/apply-revision";
import type { CreateLayoutInput, SaveRevisionInput } from "@/lib/actions/layouts/inputs";
import type { ActionResult } from "@/lib/actions/types";
import type { DesignerAccess } from "@/lib/designer/access";
import type { RunningInstance } from "@/lib/layout/rollout";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import { buttonClass } from "../ui/buttons";
import { Designer } from "./designer";
import { type ApplyRevision, RolloutDialog } from "./rollout-dialog";
import { SaveCopyDialog } from "./save-copy-dialog";
import { SaveDialog } from "./save-dialog";

type SaveRevision = (input: SaveRevisionInput) => Promise<ActionResult<{ id: string; number: number }>>;
type CreateLayout = (input: CreateLayoutInput) => Promise<ActionResult<{ id: string; number: number }>>;
type ApplyRevisionAction = (input: {
  revisionId: string;
  expectedVersion?: number;
}) => Promise<ActionResult<ApplyResult>>;

/**
 * A saved layout: edits become a new immutable revision on "Save revision"; "Apply…" applies a saved revision. For
 * someone who may not change it, read-only with "Save a copy" when they may create layouts.
 */
export function SavedLayoutDesigner({
  layoutId,
  baseNumber,
  initial,
  revisionIds,
  access,
  vramCeiling,
  saveRevision,
  createLayout,
  applyRevision,
  running,
  deploymentVersion,
}: {
  layoutId: string;
  baseNumber: number;
  initial: Layout;
  /** Revision number → id, for applying a revision (refreshed with the page after a save). */
  revisionIds: Record<number, string>;
  access: DesignerAccess;
  vramCeiling: number;
  saveRevision: SaveRevision;
  createLayout: CreateLayout;
  applyRevision: ApplyRevisionAction;
  running: RunningInstance[];
  /** The layout's deployment version when `running` was read: the plan shown is made against it. */
  deploymentVersion: number;
}) {
  const router = useRouter();
  const [base, setBase] = useState(baseNumber);
  const [saved, setSaved] = useState<number | null>(null);
  const apply = useCallback<ApplyRevision>(
    async (number) => {
      const revisionId = revisionIds[number];
      if (!revisionId)
        return { ok: false, error: `Revision ${number} is not loaded yet: reload the page and apply again.` };
      // Someone else's apply since this page was read makes the plan stale: refused, with who and when.
      const result = await applyRevision({ revisionId, expectedVersion: deploymentVersion });
      if (result.ok) router.refresh();
      return result;
    },
    [revisionIds, applyRevision, router, deploymentVersion],
  );
  // The same element while the revision does not change: React skips it (and next/link's hooks) on every edit.
  const permalink = useMemo(
    () => (
      <Link className={buttonClass} href={`/layouts/${layoutId}/revisions/${base}`}>
        Revision {base} permalink
      </Link>
    ),
    [layoutId, base],
  );
  return (
    <Designer
      initial={initial}
      access={access}
      vramCeiling={vramCeiling}
      actions={({ state, markSaved, blockedBy, readOnly }) => (
        <>
          {!readOnly && (
            <SaveDialog
              trigger="Save revision"
              disabled={blockedBy !== null}
              onSave={async (note) => {
                const result = await saveRevision({ layoutId, document: state.layout, note, baseNumber: base });
                if (result.ok) {
                  markSaved();
                  setBase(result.data.number);
                  setSaved(result.data.number);
                  router.refresh();
                }
                return result;
              }}
            />
          )}
          {readOnly && !access.canEdit && access.canCreate && (
            <SaveCopyDialog layout={state.layout} createLayout={createLayout} />
          )}
          {access.canApply && !readOnly && <RolloutDialog running={running} revisionNumber={base} apply={apply} />}
          {permalink}
          {saved !== null && (
            <span role="status" className="text-sm text-green-700 dark:text-green-400">
              Saved revision {saved}.
            </span>
          )}
        </>
      )}
    />
  );
}
