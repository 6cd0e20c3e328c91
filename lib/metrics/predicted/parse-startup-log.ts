import { GIB } from "../../vocabulary/units";

/**
 * What a vLLM or TGI engine says about its memory while it starts, read from its log lines. Sizes in bytes (vLLM
 * prints GiB, and "GB" in older "Loading model weights took" lines means 2^30 as well).
 */
export interface StartupFacts {
  /** "Model loading took X GiB" / "Loading model weights took X GB" (the first rank's). */
  weightsBytes?: number;
  /** "Available KV cache memory: X GiB": the smallest over the ranks, the one vLLM sizes the cache by. */
  availableKvBytes?: number;
  /** "GPU KV cache size: N tokens" (V1); the first line when workers of a multi-node engine each print one. */
  kvCacheTokens?: number;
  /** "# GPU blocks: N" (V0). */
  gpuBlocks?: number;
  /** "Maximum concurrency for L tokens per request: X.XXx". */
  maxConcurrency?: number;
  maxConcurrencyForTokens?: number;
  /** "Graph capturing finished in S secs, took X GiB". */
  cudaGraphBytes?: number;
  /** TGI: "KV-cache blocks: N, size: S". */
  kvCacheBlocks?: number;
  kvCacheBlockSize?: number;
  /** TGI: "Setting max batch total tokens to N". */
  maxBatchTotalTokens?: number;
}

const count = (text: string) => Number(text.replace(/,/g, ""));
const gib = (text: string) => Math.round(Number(text) * GIB);
// Labels may be quoted in markdown ("**Available KV cache memory:** 28.20 GiB") when a log is pasted into a report.
const SEP = "[*:\\s]+";

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray, facts: StartupFacts) => void }[] = [
  {
    re: new RegExp(`(?:Model loading took|Loading model weights took)${SEP}(\\d+(?:\\.\\d+)?) ?Gi?B`, "i"),
    read: (m, f) => void (f.weightsBytes ??= gib(m[1]!)),
  },
  {
    re: new RegExp(`Available KV cache memory${SEP}(-?\\d+(?:\\.\\d+)?) ?GiB`, "i"),
    read: (m, f) => void (f.availableKvBytes = Math.min(f.availableKvBytes ?? Number.POSITIVE_INFINITY, gib(m[1]!))),
  },
  {
    re: new RegExp(`GPU KV cache size${SEP}([\\d,]+) tokens`, "i"),
    read: (m, f) => void (f.kvCacheTokens ??= count(m[1]!)),
  },
  { re: new RegExp(`# GPU blocks${SEP}(\\d+)`), read: (m, f) => void (f.gpuBlocks ??= count(m[1]!)) },
  {
    re: new RegExp(`Maximum concurrency for ([\\d,]+) tokens per request${SEP}(\\d+(?:\\.\\d+)?)x`, "i"),
    read: (m, f) => {
      if (f.maxConcurrency !== undefined) return;
      f.maxConcurrencyForTokens = count(m[1]!);
      f.maxConcurrency = Number(m[2]!);
    },
  },
  {
    re: /Graph capturing finished in [\d.]+ secs?, took (\d+(?:\.\d+)?) GiB/i,
    read: (m, f) => void (f.cudaGraphBytes ??= gib(m[1]!)),
  },
  {
    re: /KV-cache blocks: (\d+), size: (\d+)/,
    read: (m, f) => {
      f.kvCacheBlocks = count(m[1]!);
      f.kvCacheBlockSize = count(m[2]!);
    },
  },
  { re: /Setting max batch total tokens to (\d+)/, read: (m, f) => void (f.maxBatchTotalTokens = count(m[1]!)) },
];

/** The lines that say something about memory, verbatim (what an export keeps of a log). */
export const memoryLines = (lines: readonly string[]): string[] =>
  lines.filter((line) => PATTERNS.some(({ re }) => re.test(line)));

/** The simulator tags its per-GPU "holds X GiB" lines (vLLM face: `[fleetdeck-sim]`, TGI face: `fleetdeck_sim:`). */
export const isSimulatorLog = (lines: readonly string[]): boolean =>
  lines.some((line) => /\[fleetdeck-sim\]|fleetdeck_sim[:\s]/.test(line));

/** Reads the memory facts from an engine's start-up log; lines that say nothing of memory are skipped. */
export function parseStartupLog(lines: Iterable<string>): StartupFacts {
  const facts: StartupFacts = {};
  for (const line of lines) {
    for (const { re, read } of PATTERNS) {
      const m = re.exec(line);
      if (m) read(m, facts);
    }
  }
  return facts;
}
