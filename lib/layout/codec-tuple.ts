/**
 * The compact positional form of a layout inside a share link (link format 1).
 * Every record becomes [mask, ...values]: bit i of the mask says field i is present and differs
 * from its default, so defaults cost nothing. Repeated strings (model ids, GPU ids, host ids,
 * quantization, engine versions) go once into a string table and are referenced by index.
 */
import type { Layout } from "../vocabulary/layout-schema";
import { MIB } from "../vocabulary/units";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Loose = Record<string, unknown>;

/** A malformed payload (checksum right, contents wrong): the codec reports it as such. */
export class TupleFormatError extends Error {}

class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  /** For decoding: the payload's table exactly as written, duplicates and all. */
  static of(strings: readonly string[]): StringTable {
    const table = new StringTable();
    table.strings.push(...strings);
    return table;
  }
  intern(s: string): number {
    let at = this.index.get(s);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(s);
      this.index.set(s, at);
    }
    return at;
  }
  at(i: unknown): string {
    const s = typeof i === "number" ? this.strings[i] : undefined;
    if (s === undefined) throw new TupleFormatError(`string reference ${String(i)} is out of range`);
    return s;
  }
}

interface Field {
  key: string;
  /** The value an absent field takes; a field equal to it is left out. */
  fallback?: (decodedSoFar: Loose) => unknown;
  encode: (value: unknown, table: StringTable, record: Loose) => Json;
  decode: (json: Json, table: StringTable, decodedSoFar: Loose) => unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const asJson = (value: unknown): Json => value as Json;

const raw = (key: string, fallback?: unknown): Field => ({
  key,
  fallback: fallback === undefined ? undefined : () => fallback,
  encode: asJson,
  decode: (json) => json,
});

const ref = (key: string): Field => ({
  key,
  encode: (value, table) => table.intern(String(value)),
  decode: (json, table) => table.at(json),
});

/** Byte counts that are whole MiB are written as minus the MiB count (bytes are never negative). */
const bytes = (key: string): Field => ({
  key,
  encode: (value) => (typeof value === "number" && value > 0 && value % MIB === 0 ? -(value / MIB) : asJson(value)),
  decode: (json) => (typeof json === "number" && json < 0 ? -json * MIB : json),
});

const oneOf = (key: string, values: readonly string[], fallback?: string): Field => ({
  key,
  fallback: fallback === undefined ? undefined : () => fallback,
  encode: (value) => values.indexOf(String(value)),
  decode: (json) => {
    const value = typeof json === "number" ? values[json] : undefined;
    if (value === undefined) throw new TupleFormatError(`${key} code ${String(json)} is unknown`);
    return value;
  },
});

function record(fields: readonly Field[]) {
  if (fields.length > 30) throw new Error("a record codec holds at most 30 fields");
  return {
    keys: fields.map((f) => f.key),
    encode(value: Loose, table: StringTable): Json[] {
      let mask = 0;
      const out: Json[] = [];
      fields.forEach((field, bit) => {
        const v = value[field.key];
        if (v === undefined || (field.fallback && same(v, field.fallback(value)))) return;
        mask |= 1 << bit;
        out.push(field.encode(v, table, value));
      });
      return [mask, ...out];
    },
    decode(json: Json, table: StringTable): Loose {
      if (!Array.isArray(json) || typeof json[0] !== "number")
        throw new TupleFormatError("a record is not [mask, ...values]");
      const mask = json[0];
      const decoded: Loose = {};
      let at = 1;
      fields.forEach((field, bit) => {
        if (mask & (1 << bit)) decoded[field.key] = field.decode(json[at++] ?? null, table, decoded);
        else if (field.fallback) decoded[field.key] = field.fallback(decoded);
      });
      return decoded;
    },
  };
}

const nested = (key: string, codec: ReturnType<typeof record>, fallback?: unknown): Field => ({
  key,
  fallback: fallback === undefined ? undefined : () => fallback,
  encode: (value, table) => codec.encode(value as Loose, table),
  decode: (json, table) => codec.decode(json, table),
});

interface GpuLike {
  index: number;
  gpuId: string;
  memoryBytes?: number;
  nvlinkGroup?: number;
}

/** GPUs as runs of consecutive indices sharing model, memory and NVLink group: [gpuRef, count, start?, memory?, nvlink?]. */
const gpuRuns: Field = {
  key: "gpus",
  fallback: () => [],
  encode(value, table) {
    const gpus = value as GpuLike[];
    const runs: Json[] = [];
    let expectedStart = 0;
    for (let i = 0; i < gpus.length; ) {
      const first = gpus[i] as GpuLike;
      let count = 1;
      for (let next = gpus[i + count]; next; next = gpus[i + count]) {
        const continues = next.index === first.index + count && next.gpuId === first.gpuId;
        if (!continues || next.memoryBytes !== first.memoryBytes || next.nvlinkGroup !== first.nvlinkGroup) break;
        count++;
      }
      const memory = first.memoryBytes === undefined ? null : bytes("m").encode(first.memoryBytes, table, {});
      const run: Json[] = [
        table.intern(first.gpuId),
        count,
        first.index === expectedStart ? null : first.index,
        memory,
        first.nvlinkGroup ?? null,
      ];
      while (run.length > 2 && run[run.length - 1] === null) run.pop();
      runs.push(run);
      expectedStart = first.index + count;
      i += count;
    }
    return runs;
  },
  decode(json, table) {
    if (!Array.isArray(json)) throw new TupleFormatError("gpus are not a list of runs");
    const gpus: GpuLike[] = [];
    let expectedStart = 0;
    for (const run of json) {
      if (!Array.isArray(run) || typeof run[1] !== "number" || run[1] < 1 || run[1] > 64)
        throw new TupleFormatError("a GPU run is malformed");
      const [gpuRef, count, start, memory, nvlink] = run as [Json, number, Json?, Json?, Json?];
      const first = typeof start === "number" ? start : expectedStart;
      for (let k = 0; k < count; k++) {
        const gpu: GpuLike = { index: first + k, gpuId: table.at(gpuRef) };
        if (memory !== undefined && memory !== null) gpu.memoryBytes = bytes("m").decode(memory, table, {}) as number;
        if (typeof nvlink === "number") gpu.nvlinkGroup = nvlink;
        gpus.push(gpu);
      }
      expectedStart = first + count;
    }
    return gpus;
  },
};

/** Placement: [hostRef, start] when its indices are start…start+tp-1, [hostRef, start, count] when contiguous, else [hostRef, [indices]]. */
const placement: Field = {
  key: "placement",
  fallback: () => null,
  encode(value, table, instance) {
    const { hostId, gpuIndices } = value as { hostId: string; gpuIndices: number[] };
    const host = table.intern(hostId);
    const start = gpuIndices[0] ?? 0;
    const contiguous = gpuIndices.every((index, k) => index === start + k);
    if (!contiguous) return [host, gpuIndices];
    return gpuIndices.length === (instance.tp ?? 1) ? [host, start] : [host, start, gpuIndices.length];
  },
  decode(json, table, instance) {
    if (!Array.isArray(json)) throw new TupleFormatError("a placement is malformed");
    const [host, start, count] = json;
    const hostId = table.at(host);
    if (Array.isArray(start)) return { hostId, gpuIndices: start };
    const length = typeof count === "number" ? count : typeof instance.tp === "number" ? instance.tp : 1;
    if (typeof start !== "number" || length < 1 || length > 64) throw new TupleFormatError("a placement is malformed");
    return { hostId, gpuIndices: Array.from({ length }, (_, k) => start + k) };
  },
};

const ropeScaling = record([
  oneOf("type", ["yarn", "linear", "dynamic"]),
  raw("factor"),
  raw("originalMaxPositionEmbeddings"),
]);
const tgi = record([
  raw("cudaMemoryFraction", 1),
  raw("maxInputTokens"),
  raw("maxTotalTokens"),
  raw("maxBatchPrefillTokens"),
  raw("maxBatchTotalTokens"),
  oneOf("attention", ["paged", "flashdecoding", "flashinfer"]),
  raw("cudaGraphs"),
  raw("prefillLogprobs"),
]);
const limits = record([bytes("memoryBytes"), raw("cpus"), bytes("shmBytes")]);
const vllm = record([
  raw("blockSize"),
  raw("pipelineParallelSize"),
  bytes("kvCacheMemoryBytes"),
  raw("numGpuBlocksOverride"),
  bytes("cpuOffloadBytes"),
  bytes("swapSpaceBytes"),
  raw("enableChunkedPrefill"),
  raw("enablePrefixCaching"),
  raw("maxSeqLenToCapture"),
  raw("cudaGraphSizes"),
  raw("lora"),
  raw("speculative"),
  raw("limitMmPerPrompt"),
  raw("calculateKvScales"),
  raw("disableCustomAllReduce"),
  raw("useV1"),
  raw("flashinferSampler"),
  raw("expertParallel"),
  raw("modelRunnerV2"),
  raw("estimateCudaGraphs"),
  raw("preferHipBlasLt"),
]);

const host = record([
  raw("id"),
  { ...raw("name"), fallback: (soFar) => soFar.id },
  gpuRuns,
  bytes("ramBytes"),
  raw("cpuCores"),
  raw("labels", {}),
  raw("boundHostId"),
  raw("wsl2"),
]);

const instance = record([
  raw("id"),
  raw("name"),
  oneOf("engine", ["vllm", "tgi"], "vllm"),
  ref("engineVersion"),
  ref("model"),
  raw("modelConfig"),
  ref("quantization"),
  oneOf("dtype", ["auto", "bfloat16", "float16", "half", "float32"], "auto"),
  oneOf("kvCacheDtype", ["auto", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fn"], "auto"),
  raw("tp", 1),
  raw("maxModelLen"),
  nested("ropeScaling", ropeScaling),
  raw("gpuMemoryUtilization", 0.9),
  raw("maxNumSeqs"),
  raw("maxNumBatchedTokens"),
  raw("enforceEager", false),
  nested("tgi", tgi),
  placement,
  nested("limits", limits, {}),
  raw("port"),
  nested("vllm", vllm),
]);

/** The layout fields each record carries, for the test that every schema field has a place in the link. */
export const TUPLE_RECORD_KEYS = {
  host: host.keys,
  instance: instance.keys,
  vllm: vllm.keys,
  tgi: tgi.keys,
  limits: limits.keys,
  ropeScaling: ropeScaling.keys,
};

/** [strings, name, hosts, instances]. Host ids are interned first so placements reference small numbers. */
export function layoutToTuple(layout: Layout): Json {
  const table = new StringTable();
  for (const h of layout.hosts) table.intern(h.id);
  const hosts = layout.hosts.map((h) => host.encode(h as unknown as Loose, table));
  const instances = layout.instances.map((i) => instance.encode(i as unknown as Loose, table));
  return [table.strings, layout.name, hosts, instances];
}

/** The raw (not yet schema-checked) layout object of a tuple; throws TupleFormatError on a malformed one. */
export function tupleToLayout(json: unknown): Loose {
  if (!Array.isArray(json) || json.length !== 4)
    throw new TupleFormatError("the payload is not [strings, name, hosts, instances]");
  const [strings, name, hosts, instances] = json as Json[];
  if (!Array.isArray(strings) || !strings.every((s): s is string => typeof s === "string"))
    throw new TupleFormatError("the string table is malformed");
  if (!Array.isArray(hosts) || !Array.isArray(instances))
    throw new TupleFormatError("hosts or instances are not lists");
  const table = StringTable.of(strings);
  return {
    schemaVersion: 1,
    name,
    hosts: hosts.map((h) => host.decode(h, table)),
    instances: instances.map((i) => instance.decode(i, table)),
  };
}
