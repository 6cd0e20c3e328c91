/**
 * Placement: assign GPUs to instances without overlapping past a GPU's capacity.
 * Instances are placed largest first (TP size, then claim), each on the best host by policy;
 * hosts in identical states are evaluated once (the index), which keeps 2,000 instances on
 * 4,096 GPUs well under a frame budget. Deterministic: same layout and options, same result.
 */
import { findGpu } from "../catalog";
import {
  type Candidate,
  type GpuState,
  type GroupRequest,
  type HostState,
  UNITS,
  bestCandidate,
  claim,
  compareCandidates,
  hostState,
  signature,
} from "./place-host";
import { explainFailure } from "./place-reason";
import type { GpuSlot, Instance, Layout } from "../vocabulary/layout-schema";

export type PlacementPolicy = "binpack" | "spread";

export interface PlaceOptions {
  policy: PlacementPolicy;
  /** "unplaced" (default) keeps existing placements and fills around them; "all" re-places everything. */
  only?: "unplaced" | "all";
  /** Fraction of a GPU the instance claims on a GPU of this size. Default: {@link defaultNeed}. */
  need?: (instance: Instance, gpuMemoryBytes: number) => number;
  /** Whether the model fits this GPU (the budget engine decides); a string is the reason it does not. */
  fits?: (instance: Instance, gpu: { gpuId: string; memoryBytes: number }) => boolean | string;
  /** Memory of a GPU slot. Default: the slot's memoryBytes, else the catalog's for its gpuId. */
  gpuMemoryBytes?: (slot: GpuSlot) => number | undefined;
  /** "indexed" (default) evaluates identical hosts once; "scan" visits every host (the benchmark baseline). Same results. */
  search?: "indexed" | "scan";
}

export interface PlaceResult {
  instanceId: string;
  placed: boolean;
  /** Why it could not be placed; absent when placed. */
  reason?: string;
  /** True when it kept the placement it had (only: "unplaced"). */
  kept?: boolean;
}

/** vLLM reserves gpuMemoryUtilization of each GPU at start; TGI its CUDA memory fraction (default: the whole GPU). */
export function defaultNeed(instance: Instance): number {
  return instance.engine === "tgi" ? (instance.tgi?.cudaMemoryFraction ?? 1) : instance.gpuMemoryUtilization;
}

export function placeInstances(layout: Layout, options: PlaceOptions): { layout: Layout; results: PlaceResult[] } {
  const need = options.need ?? defaultNeed;
  const fits = options.fits ?? (() => true);
  const memoryOf = (slot: GpuSlot) =>
    options.gpuMemoryBytes?.(slot) ?? slot.memoryBytes ?? findGpu(slot.gpuId)?.memoryBytes ?? 0;
  const kinds = new Map<string, number>();
  const kindOf = (gpuId: string, memoryBytes: number) => {
    const key = `${gpuId}\u0000${memoryBytes}`;
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = kinds.size));
    return kind;
  };
  const states = layout.hosts.map((host, order) => hostState(host, order, memoryOf, kindOf));
  const byId = new Map(states.map((s) => [s.host.id, s]));
  const replaceAll = options.only === "all";
  const binpack = options.policy === "binpack";

  const requestFor = (instance: Instance) => makeRequest(instance, need, fits, binpack);
  const placements: (Instance["placement"] | undefined)[] = [];
  const results: PlaceResult[] = [];
  const pending: { instance: Instance; position: number }[] = [];
  layout.instances.forEach((instance, position) => {
    if (!replaceAll && instance.placement) {
      const state = byId.get(instance.placement.hostId);
      if (state) claim(state, instance.placement.gpuIndices, requestFor(instance).request);
      results[position] = { instanceId: instance.id, placed: true, kept: true };
    } else pending.push({ instance, position });
  });

  const largestGpu = Math.max(0, ...states.flatMap((s) => s.gpus.map((g) => g.memoryBytes)));
  const size = (instance: Instance) => instance.tp * need(instance, largestGpu);
  pending.sort(
    (a, b) => b.instance.tp - a.instance.tp || size(b.instance) - size(a.instance) || a.position - b.position,
  );

  const index = options.search === "scan" ? null : new HostIndex(states);
  for (const { instance, position } of pending) {
    const { request, fitsReason } = requestFor(instance);
    const candidates = index ? index.representatives() : states;
    let best: Candidate | null = null;
    for (const state of candidates) {
      const candidate = bestCandidate(state, request);
      if (candidate && (!best || compareCandidates(candidate, best, binpack) < 0)) best = candidate;
    }
    if (!best) {
      const reason = explainFailure({ hosts: candidates, request, fraction: need(instance, largestGpu), fitsReason });
      placements[position] = null;
      results[position] = { instanceId: instance.id, placed: false, reason };
      continue;
    }
    const state = states[best.order]!;
    claim(state, best.gpuIndices, request);
    index?.update(state);
    placements[position] = { hostId: state.host.id, gpuIndices: best.gpuIndices };
    results[position] = { instanceId: instance.id, placed: true };
  }

  const instances = layout.instances.map((instance, position) => {
    const placement = placements[position];
    return placement === undefined ? instance : { ...instance, placement };
  });
  return { layout: { ...layout, instances }, results };
}

function makeRequest(
  instance: Instance,
  need: NonNullable<PlaceOptions["need"]>,
  fits: NonNullable<PlaceOptions["fits"]>,
  binpack: boolean,
) {
  // Answers per GPU kind (gpuId, memory): undefined = not asked yet.
  const claims: (number | null | undefined)[] = [];
  const verdicts: (boolean | string | undefined)[] = [];
  const verdict = (gpu: GpuState): boolean | string => {
    let v = verdicts[gpu.kind];
    if (v === undefined) {
      v =
        gpu.memoryBytes > 0
          ? fits(instance, { gpuId: gpu.gpuId, memoryBytes: gpu.memoryBytes })
          : `GPU "${gpu.gpuId}" has no known memory size`;
      verdicts[gpu.kind] = v;
    }
    return v;
  };
  const request: GroupRequest = {
    tp: instance.tp,
    ramBytes: instance.limits.memoryBytes ?? 0,
    binpack,
    claimUnits(gpu) {
      let units = claims[gpu.kind];
      if (units === undefined) {
        const fraction = need(instance, gpu.memoryBytes);
        units = fraction > 0 && fraction <= 1 ? Math.round(fraction * UNITS) : null;
        claims[gpu.kind] = units;
      }
      return units;
    },
    fits: (gpu) => verdict(gpu) === true,
  };
  const fitsReason = () => verdicts.find((v): v is string => typeof v === "string");
  return { request, fitsReason };
}

/** Hosts grouped by signature; each group is represented by its lowest-order host. */
class HostIndex {
  private readonly groups = new Map<string, number[]>();
  private readonly signatures: string[] = [];
  constructor(private readonly states: readonly HostState[]) {
    for (const state of states) this.add(state);
  }
  representatives(): HostState[] {
    const reps: HostState[] = [];
    for (const members of this.groups.values()) reps.push(this.states[members[0]!]!);
    return reps;
  }
  update(state: HostState): void {
    const old = this.signatures[state.order]!;
    const members = this.groups.get(old)!;
    members.splice(lowerBound(members, state.order), 1);
    if (members.length === 0) this.groups.delete(old);
    this.add(state);
  }
  private add(state: HostState): void {
    const key = signature(state);
    this.signatures[state.order] = key;
    const members = this.groups.get(key);
    if (!members) this.groups.set(key, [state.order]);
    else members.splice(lowerBound(members, state.order), 0, state.order);
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
