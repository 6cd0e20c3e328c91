/** A stable colour per instance id, distinct from the budget-term hues; the same id keeps its colour across edits. */
const PALETTE = [
  "#e11d48",
  "#ea580c",
  "#ca8a04",
  "#0d9488",
  "#2563eb",
  "#c026d3",
  "#65a30d",
  "#0284c7",
  "#db2777",
  "#7c3aed",
  "#b45309",
  "#059669",
];

export function instanceColor(instanceId: string): string {
  let hash = 2166136261;
  for (let k = 0; k < instanceId.length; k += 1) hash = Math.imul(hash ^ instanceId.charCodeAt(k), 16777619);
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}
