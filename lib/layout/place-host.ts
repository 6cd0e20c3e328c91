/**
 * One host's free capacity during placement, and the best TP group an instance can take on it.
 * Claims are integer millionths of a GPU so sums are exact. This is the hot loop of placement:
 * it allocates only when it finds a better candidate.
 */
import type { Host } from "../vocabulary/layout-schema";

export const UNITS = 1_000_000;

export interface GpuState {
  index: number;
  gpuId: string;
  memoryBytes: number;
  /** Small integer naming (gpuId, memoryBytes): per-instance answers are cached by it. */
  kind: number;
  freeUnits: number;
}

export interface HostState {
  order: number;
  host: Host;
  gpus: GpuState[];
  /** GPUs that may form one TP group (one NVLink island, or the whole host without NVLink), by index. */
  islands: GpuState[][];
  ramFreeBytes: number;
  hasNvlink: boolean;
  /** The parts of the signature that never change. */
  shapeKey: string;
}

/** What one instance asks of each GPU kind: its claim there (units, null = cannot use) and whether its model fits. */
export interface GroupRequest {
  tp: number;
  ramBytes: number;
  claimUnits: (gpu: GpuState) => number | null;
  fits: (gpu: GpuState) => boolean;
  binpack: boolean;
}

export interface Candidate {
  order: number;
  gpuIndices: number[];
  contiguous: boolean;
  /** Units left free on the chosen GPUs after placing. */
  leftoverUnits: number;
  /** Units left free on the whole host after placing. */
  hostFreeAfter: number;
}

export function hostState(
  host: Host,
  order: number,
  memoryOf: (slot: Host["gpus"][number]) => number,
  kindOf: (gpuId: string, memoryBytes: number) => number,
): HostState {
  const hasNvlink = host.gpus.some((g) => g.nvlinkGroup !== undefined);
  const byIsland = new Map<string, GpuState[]>();
  const gpus = [...host.gpus]
    .sort((a, b) => a.index - b.index)
    .map((slot) => {
      const memoryBytes = memoryOf(slot);
      const gpu: GpuState = {
        index: slot.index,
        gpuId: slot.gpuId,
        memoryBytes,
        kind: kindOf(slot.gpuId, memoryBytes),
        freeUnits: UNITS,
      };
      const island = hasNvlink
        ? slot.nvlinkGroup === undefined
          ? `solo-${slot.index}`
          : `nvl-${slot.nvlinkGroup}`
        : "pcie";
      byIsland.set(island, [...(byIsland.get(island) ?? []), gpu]);
      return gpu;
    });
  const islands = [...byIsland.values()];
  const shapeKey = islands.map((island) => island.map((g) => `${g.index}:${g.kind}`).join(",")).join("|");
  return { order, host, gpus, islands, ramFreeBytes: host.ramBytes, hasNvlink, shapeKey };
}

/** Hosts with equal signatures offer identical candidates (only their order differs). */
export function signature(state: HostState): string {
  let free = "";
  for (const g of state.gpus) free += `${g.freeUnits},`;
  return `${state.shapeKey}#${state.ramFreeBytes}#${free}`;
}

export function hostFreeUnits(state: HostState): number {
  let sum = 0;
  for (const g of state.gpus) if (g.freeUnits > 0) sum += g.freeUnits;
  return sum;
}

export function usable(gpu: GpuState, request: GroupRequest): boolean {
  const claim = request.claimUnits(gpu);
  return claim !== null && gpu.freeUnits >= claim && request.fits(gpu);
}

/** Lower is better. Contiguous first; binpack: tightest GPUs on the fullest host; spread: emptiest host, emptiest GPUs. */
export function compareCandidates(a: Candidate, b: Candidate, binpack: boolean): number {
  if (a.contiguous !== b.contiguous) return a.contiguous ? -1 : 1;
  const primary = binpack
    ? a.leftoverUnits - b.leftoverUnits || a.hostFreeAfter - b.hostFreeAfter
    : b.hostFreeAfter - a.hostFreeAfter || b.leftoverUnits - a.leftoverUnits;
  return primary || a.order - b.order || (a.gpuIndices[0] ?? 0) - (b.gpuIndices[0] ?? 0);
}

export function bestCandidate(state: HostState, request: GroupRequest): Candidate | null {
  const { tp } = request;
  if (state.ramFreeBytes < request.ramBytes) return null;
  const hostFree = hostFreeUnits(state);
  let best: Candidate | null = null;
  for (const island of state.islands) {
    if (island.length < tp) continue;
    let run = 0;
    let eligible = 0;
    let foundWindow = false;
    for (let i = 0; i < island.length; i++) {
      const gpu = island[i]!;
      if (!usable(gpu, request)) {
        run = 0;
        continue;
      }
      eligible++;
      run = run > 0 && island[i - 1]!.index === gpu.index - 1 ? run + 1 : 1;
      if (run < tp) continue;
      foundWindow = true;
      const candidate = candidateOf(state, island.slice(i - tp + 1, i + 1), true, request, hostFree);
      if (!best || compareCandidates(candidate, best, request.binpack) < 0) best = candidate;
    }
    if (foundWindow || eligible < tp) continue;
    const candidate = candidateOf(state, tightestOrEmptiest(island, request), false, request, hostFree);
    if (!best || compareCandidates(candidate, best, request.binpack) < 0) best = candidate;
  }
  return best;
}

/** Without a contiguous window: the `tp` usable GPUs with the least (binpack) or most (spread) room left. */
function tightestOrEmptiest(island: readonly GpuState[], request: GroupRequest): GpuState[] {
  const slack = (g: GpuState) => g.freeUnits - (request.claimUnits(g) ?? 0);
  return island
    .filter((g) => usable(g, request))
    .sort((a, b) => (request.binpack ? slack(a) - slack(b) : slack(b) - slack(a)) || a.index - b.index)
    .slice(0, request.tp)
    .sort((a, b) => a.index - b.index);
}

function candidateOf(
  state: HostState,
  chosen: readonly GpuState[],
  contiguous: boolean,
  request: GroupRequest,
  hostFree: number,
): Candidate {
  let claimed = 0;
  let free = 0;
  for (const g of chosen) {
    claimed += request.claimUnits(g) ?? 0;
    free += g.freeUnits;
  }
  return {
    order: state.order,
    gpuIndices: chosen.map((g) => g.index),
    contiguous,
    leftoverUnits: free - claimed,
    hostFreeAfter: hostFree - claimed,
  };
}

export function claim(
  state: HostState,
  gpuIndices: readonly number[],
  request: Pick<GroupRequest, "claimUnits" | "ramBytes">,
): void {
  for (const gpu of state.gpus) {
    if (gpuIndices.includes(gpu.index)) gpu.freeUnits -= request.claimUnits(gpu) ?? 0;
  }
  state.ramFreeBytes -= request.ramBytes;
}
