import { formatBytes } from "@/lib/format";
import type { CellView } from "@/lib/designer/derive/cells";
import type { RowView } from "@/lib/designer/derive/derive";

/** "host-a GPU 3, RTX 4090D 24GB, planned 21.6 GiB of 24.0 GiB, qwen-int4-a 1 of 2, 1 error". */
export function cellLabel(row: RowView, cell: CellView): string {
  const parts = [`${row.host.name} GPU ${cell.gpuIndex}`, `${cell.gpuName}`];
  parts.push(
    cell.stacks.length === 0
      ? `free, ${formatBytes(cell.memoryBytes)}`
      : `planned ${formatBytes(cell.plannedBytes)} of ${formatBytes(cell.memoryBytes)}`,
  );
  for (const stack of cell.stacks) {
    const instance = row.instances[stack.instanceId];
    const gpus = instance?.placement ? [...instance.placement.gpuIndices].sort((a, b) => a - b) : [];
    const rank = gpus.indexOf(cell.gpuIndex);
    parts.push(`${instance?.name ?? stack.instanceId} ${rank + 1} of ${gpus.length}`);
  }
  if (cell.errorCount) parts.push(`${cell.errorCount} error${cell.errorCount > 1 ? "s" : ""}`);
  if (cell.warningCount) parts.push(`${cell.warningCount} warning${cell.warningCount > 1 ? "s" : ""}`);
  return parts.join(", ");
}
