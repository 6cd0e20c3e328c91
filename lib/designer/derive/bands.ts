import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";
import { instancesByHost } from "../../layout/instances-by-host";

/** A run of adjacent GPUs of one instance in one host row: drawn as one labelled block. */
export interface Band {
  instanceId: string;
  /** Position of the first GPU among the host's GPUs (column), and how many columns it spans. */
  column: number;
  span: number;
  /** Stacking lane when instances share GPUs (0 = top). */
  lane: number;
  /** First run of the instance (carries the label and the resize handle). */
  primary: boolean;
  /** Part `part` of `parts` when the instance's GPUs are not adjacent. */
  part: number;
  parts: number;
}

/** Blocks per host: one per adjacent run of each instance's GPUs, lanes assigned so blocks never overlap. */
export function bandsByHost(layout: Layout): Map<string, Band[]> {
  const hosts = new Map(layout.hosts.map((h) => [h.id, h]));
  const out = new Map<string, Band[]>();
  for (const [hostId, placed] of instancesByHost(layout.instances)) {
    const host = hosts.get(hostId);
    if (host) out.set(hostId, bandsOn(host, placed));
  }
  return out;
}

/** The blocks of one host's row; `placed`: the instances on it, in layout order. */
export function bandsOn(host: Host, placed: readonly Instance[]): Band[] {
  const cols = new Map([...host.gpus].sort((a, b) => a.index - b.index).map((g, column) => [g.index, column]));
  const list: Band[] = [];
  for (const instance of placed) {
    const runs = runsOf(
      instance.placement!.gpuIndices.map((g) => cols.get(g)).filter((c): c is number => c !== undefined),
    );
    for (const [part, [column, span]] of runs.entries()) {
      list.push({ instanceId: instance.id, column, span, lane: 0, primary: part === 0, part, parts: runs.length });
    }
  }
  assignLanes(list);
  return list;
}

function runsOf(columns: number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === c) last[1] += 1;
    else runs.push([c, 1]);
  }
  return runs;
}

function assignLanes(bands: Band[]): void {
  const lanes: { start: number; end: number }[][] = [];
  const overlaps = (band: Band, r: { start: number; end: number }) =>
    band.column < r.end && r.start < band.column + band.span;
  for (const band of bands) {
    let lane = lanes.findIndex((taken) => !taken.some((r) => overlaps(band, r)));
    if (lane < 0) {
      lane = lanes.length;
      lanes.push([]);
    }
    lanes[lane]!.push({ start: band.column, end: band.column + band.span });
    band.lane = lane;
  }
}

export const instanceLabel = (i: Instance): string =>
  `${i.name ?? i.id}: ${shortModel(i.model)}, ${i.engine === "tgi" ? "TGI" : "vLLM"}${i.quantization ? `, ${i.quantization}` : ""}, TP ${i.tp}`;

export const shortModel = (model: string): string => model.split("/").pop() ?? model;
