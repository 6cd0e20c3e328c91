"use client";
import { memo, useState } from "react";
import { type PlaceResult, type PlacementPolicy, placeInstances } from "@/lib/layout/place";
import { budgetFits, slotMemoryBytes } from "@/lib/layout/resolvers";
import { assignFreePorts } from "@/lib/designer/editor/layout-ops";
import { primaryButtonClass } from "../ui/buttons";
import { SelectField } from "../ui/edit-fields";
import { Modal } from "../ui/modal";
import { useDesignerContext, useDesignerStable } from "./use-designer";

/**
 * Places instances without GPUs (or all) by bin-pack or spread, TP groups on one host and NVLink island; says why when it cannot.
 * Memoized and reading the layout only when placing (or to show results), so edits do not re-render the closed dialog.
 */
export const AutoPlaceDialog = memo(function AutoPlaceDialog() {
  const { dispatch, latest } = useDesignerStable();
  const [open, setOpen] = useState(false);
  const [policy, setPolicy] = useState<PlacementPolicy>("binpack");
  const [only, setOnly] = useState<"unplaced" | "all">("unplaced");
  const [results, setResults] = useState<PlaceResult[] | null>(null);
  const run = () => {
    const placed = placeInstances(latest().state.layout, {
      policy,
      only,
      gpuMemoryBytes: slotMemoryBytes,
      fits: budgetFits,
    });
    dispatch({ type: "replace-layout", layout: assignFreePorts(placed.layout) });
    setResults(placed.results.filter((r) => !r.kept));
  };
  return (
    <Modal
      trigger="Auto-place"
      title="Auto-place instances"
      description="Keeps each TP group on one host, on one NVLink island where the host has them."
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setResults(null);
      }}
    >
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Policy"
          value={policy}
          options={[
            { value: "binpack", label: "Bin-pack (fill GPUs)" },
            { value: "spread", label: "Spread (even load)" },
          ]}
          onChange={setPolicy}
        />
        <SelectField
          label="Which instances"
          value={only}
          options={[
            { value: "unplaced", label: "Only those not on GPUs" },
            { value: "all", label: "All (re-place everything)" },
          ]}
          onChange={setOnly}
        />
      </div>
      <button type="button" className={`${primaryButtonClass} mt-4`} onClick={run}>
        Place
      </button>
      {results && <PlaceResults results={results} />}
    </Modal>
  );
});

function PlaceResults({ results }: { results: PlaceResult[] }) {
  const { state } = useDesignerContext();
  return (
    <ul aria-label="Placement results" className="mt-4 space-y-1 text-sm">
      {results.length === 0 && <li>Nothing to place.</li>}
      {results.map((r) => {
        const p = state.layout.instances.find((i) => i.id === r.instanceId)?.placement;
        return (
          <li key={r.instanceId} className={r.placed ? "" : "text-red-700 dark:text-red-400"}>
            {r.instanceId}:{" "}
            {r.placed && p ? `placed on ${p.hostId}, GPU ${p.gpuIndices.join(", ")}` : `not placed: ${r.reason}`}
          </li>
        );
      })}
    </ul>
  );
}
