import type { Layout } from "../../vocabulary/layout-schema";
import type { Selection } from "./types";

const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

function gpusOf(layout: Layout, hostId: string): number[] | null {
  const host = layout.hosts.find((h) => h.id === hostId);
  return host ? host.gpus.map((g) => g.index) : null;
}

/** Selects exactly these GPUs of a host (a click or a dragged rectangle). */
export function selectGpus(layout: Layout, hostId: string, gpuIndices: number[]): Selection | null {
  const gpus = gpusOf(layout, hostId);
  if (!gpus) return null;
  const picked = sorted(gpuIndices.filter((g) => gpus.includes(g)));
  return picked.length === 0 ? null : { hostId, gpuIndices: picked, anchor: picked[0]! };
}

/** Space / Ctrl+click: adds or removes one GPU. A GPU of another host starts a new selection. */
export function toggleGpu(
  layout: Layout,
  current: Selection | null,
  hostId: string,
  gpuIndex: number,
): Selection | null {
  if (!current || current.hostId !== hostId) return selectGpus(layout, hostId, [gpuIndex]);
  const has = current.gpuIndices.includes(gpuIndex);
  const next = has ? current.gpuIndices.filter((g) => g !== gpuIndex) : [...current.gpuIndices, gpuIndex];
  if (next.length === 0) return null;
  return { hostId, gpuIndices: sorted(next), anchor: has ? current.anchor : gpuIndex };
}

/** Shift+click / Shift+Arrow: every GPU between the anchor and this one. */
export function extendSelection(
  layout: Layout,
  current: Selection | null,
  hostId: string,
  gpuIndex: number,
): Selection | null {
  if (!current || current.hostId !== hostId) return selectGpus(layout, hostId, [gpuIndex]);
  const gpus = gpusOf(layout, hostId) ?? [];
  const [lo, hi] = current.anchor <= gpuIndex ? [current.anchor, gpuIndex] : [gpuIndex, current.anchor];
  return { hostId, gpuIndices: sorted(gpus.filter((g) => g >= lo && g <= hi)), anchor: current.anchor };
}

/** Drops GPUs that no longer exist (after undo, host removal). */
export function pruneSelection(layout: Layout, current: Selection | null): Selection | null {
  if (!current) return null;
  const gpus = gpusOf(layout, current.hostId);
  if (!gpus) return null;
  const kept = current.gpuIndices.filter((g) => gpus.includes(g));
  if (kept.length === current.gpuIndices.length) return current;
  return kept.length === 0 ? null : { ...current, gpuIndices: kept };
}
