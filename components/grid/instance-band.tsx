import { memo } from "react";
import type { Band } from "@/lib/designer/derive/bands";
import { instanceLabel } from "@/lib/designer/derive/bands";
import { INSTANCE_TEXT_COLOR, instanceColor } from "@/lib/designer/derive/colors";
import type { Instance } from "@/lib/vocabulary/layout-schema";

export const LANE_PX = 24;

/** One instance as a block spanning its adjacent GPUs; drag it to move, drag its right edge to change TP, click to open. */
export const InstanceBand = memo(function InstanceBand({
  band,
  instance,
  open,
  errors,
  readOnly,
}: {
  band: Band;
  instance: Instance;
  open: boolean;
  errors: number;
  readOnly: boolean;
}) {
  const label = instanceLabel(instance);
  const part = band.parts > 1 ? ` (part ${band.part + 1} of ${band.parts})` : "";
  return (
    <div
      role="button"
      tabIndex={-1}
      data-band={instance.id}
      data-band-primary={band.primary ? instance.id : undefined}
      data-band-column={band.column}
      aria-label={`Open ${label}${part}${errors ? `, ${errors} error${errors > 1 ? "s" : ""}` : ""}`}
      aria-pressed={open}
      title={label}
      className={`absolute left-1 z-10 flex h-5 select-none items-center overflow-hidden rounded px-1.5 text-[11px] font-medium shadow-sm ${
        readOnly ? "" : "cursor-grab active:cursor-grabbing"
      } ${open ? "ring-2 ring-offset-1 ring-slate-900 dark:ring-white" : ""} ${errors ? "outline-2 outline-offset-1 outline-red-600" : ""}`}
      style={{
        bottom: 4 + band.lane * LANE_PX,
        width: `calc(${band.span} * 100% + ${band.span - 1} * 0.5rem - 0.5rem)`,
        background: instanceColor(instance.id),
        color: INSTANCE_TEXT_COLOR,
        touchAction: readOnly ? "auto" : "none",
      }}
    >
      {/* The name first and whole as long as it fits; the model, engine and TP give way first. */}
      <span className="max-w-full shrink-0 truncate">{instance.name ?? instance.id}</span>
      <span className="min-w-0 truncate font-normal">
        {band.primary ? label.slice((instance.name ?? instance.id).length) : " (cont.)"}
      </span>
      {errors > 0 && (
        <span aria-hidden className="ml-1 rounded bg-white/90 px-1 text-red-700">
          !
        </span>
      )}
      {band.primary && !readOnly && (
        <span
          aria-hidden
          data-resize={instance.id}
          className="absolute top-0 right-0 h-full w-2 cursor-ew-resize bg-black/25 hover:bg-black/50"
        />
      )}
    </div>
  );
});
