"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { RunningInstance } from "@/lib/layout/rollout";
import type { Layout } from "@/lib/vocabulary/layout-schema";
import type { SaveRevisionInput } from "@/lib/actions/layouts/inputs";
import { RolloutDialog } from "./rollout-dialog";
import { Designer } from "./designer";
import { buttonClass } from "../ui/buttons";
import { SaveDialog } from "./save-dialog";

type SaveRevision = (input: SaveRevisionInput) => Promise<ActionResult<{ id: string; number: number }>>;

/** A saved layout: edits become a new immutable revision on "Save revision". */
export function SavedLayoutDesigner({
  layoutId,
  baseNumber,
  initial,
  saveRevision,
  running,
}: {
  layoutId: string;
  baseNumber: number;
  initial: Layout;
  saveRevision: SaveRevision;
  running: RunningInstance[];
}) {
  const router = useRouter();
  const [base, setBase] = useState(baseNumber);
  const [saved, setSaved] = useState<number | null>(null);
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
      actions={(state, markSaved) => (
        <>
          <SaveDialog
            trigger="Save revision"
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
          <RolloutDialog running={running} />
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
