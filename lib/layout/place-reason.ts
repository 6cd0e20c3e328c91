/** Why an instance could not be placed, in words, from the state of the fleet at that moment. */
import { type GroupRequest, type HostState, usable } from "./place-host";
import { GIB } from "../vocabulary/units";

const formatGiB = (bytes: number): string => `${Number((bytes / GIB).toFixed(1))} GiB`;
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export interface FailureContext {
  hosts: readonly HostState[];
  request: GroupRequest;
  /** The fraction of a GPU it claims, for the message. */
  fraction: number;
  /** The first reason the fits callback gave, if it refused every GPU. */
  fitsReason: () => string | undefined;
}

export function explainFailure({ hosts: unordered, request, fraction, fitsReason }: FailureContext): string {
  const hosts = [...unordered].sort((a, b) => a.order - b.order);
  if (hosts.length === 0) return "the layout has no hosts";
  const { tp } = request;
  if (!(fraction > 0) || fraction > 1)
    return `claims ${fraction} of a GPU; gpuMemoryUtilization (vLLM) or tgi.cudaMemoryFraction must be above 0 and at most 1`;
  const anyNvlink = hosts.some((h) => h.hasNvlink);
  const where = anyNvlink ? "on one host within one NVLink island" : "on one host";

  let largest = { size: 0, host: "" };
  for (const state of hosts) {
    const size = Math.max(0, ...state.islands.map((island) => island.length));
    if (size > largest.size) largest = { size, host: state.host.id };
  }
  if (tp > largest.size) {
    const unit = anyNvlink ? "NVLink island" : "host";
    return `needs ${plural(tp, "GPU", "GPUs")} ${where}; the largest ${unit} (${largest.host}) has ${largest.size}`;
  }

  const anyFits = hosts.some((state) => state.gpus.some((gpu) => request.fits(gpu)));
  if (!anyFits)
    return `does not fit on any GPU of the layout: ${fitsReason() ?? "the model is too large for every GPU"}`;

  let best = { count: -1, host: "", ramFree: 0 };
  let ramBlocked: { host: string; ramFree: number } | null = null;
  for (const state of hosts) {
    const count = Math.max(0, ...state.islands.map((island) => island.filter((gpu) => usable(gpu, request)).length));
    if (
      count >= tp &&
      state.ramFreeBytes < request.ramBytes &&
      (!ramBlocked || state.ramFreeBytes > ramBlocked.ramFree)
    ) {
      ramBlocked = { host: state.host.id, ramFree: state.ramFreeBytes };
    }
    if (count > best.count) best = { count, host: state.host.id, ramFree: state.ramFreeBytes };
  }
  if (ramBlocked) {
    return `needs ${formatGiB(request.ramBytes)} of host RAM for its container memory limit; the best host with ${plural(tp, "free GPU", "free GPUs")} (${ramBlocked.host}) has ${formatGiB(Math.max(0, ramBlocked.ramFree))} left`;
  }
  const share = fraction.toFixed(2);
  const gpus =
    tp === 1 ? `1 GPU with ${share} of its memory free` : `${tp} GPUs with ${share} of their memory free ${where}`;
  return `needs ${gpus}; the best host (${best.host}) has ${Math.max(0, best.count)}`;
}
