import { GIB } from "../../vocabulary/units";

/**
 * What a vLLM or TGI engine says about its memory while it starts, read from its log lines. Sizes in bytes (vLLM
 * prints GiB, and "GB" in older "Loading model weights took" lines means 2^30 as well).
 */
export interface StartupFacts {
  /** "Model loading took X GiB" / "Loading model weights took X GB" (the first rank's). */
  weightsBytes?: number;
  /**
   * "Available KV cache memory: X GiB" (0.6.4's "kv_cache_size=", 0.6.5–0.9's "reserved for KV Cache is"): the smallest
   * over the ranks, the one vLLM sizes the cache by.
   */
  availableKvBytes?: number;
  /** "Current kv cache memory in use is X": the available KV cache where no line above says it. */
  kvInUseBytes?: number;
  /** "GPU KV cache size: N tokens" (V1); the first line when workers of a multi-node engine each print one. */
  kvCacheTokens?: number;
  /** "# GPU blocks: N" (V0). */
  gpuBlocks?: number;
  /** "Maximum concurrency for L tokens per request: X.XXx". */
  maxConcurrency?: number;
  maxConcurrencyForTokens?: number;
  /** "Graph capturing finished in S secs, took X GiB", else the memory ledger's "X GiB for CUDAGraph memory". */
  cudaGraphBytes?: number;
  /**
   * The profile's activation peak as the engine books it: "PyTorch activation peak memory takes X GiB" (0.6.5–0.9),
   * "torch peak memory increase: X GiB" (0.9–0.10), "X GiB for peak activation" (0.10+).
   */
  activationBytes?: number;
  /** The non-torch memory the engine books: "non_torch_memory takes X GiB" (0.6.4–0.9), "X GiB for non-torch memory". */
  nonTorchBytes?: number;
  /** 0.11+: "X GiB for consumed memory (weights + non-torch)" — the non-torch part is this less the weights. */
  consumedBytes?: number;
  /** 0.6.4: "peak_torch_memory=X GiB", weights included — the activation is this less the weights. */
  peakTorchBytes?: number;
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
    // "Available KV cache memory: X GiB"; 0.6.4's "kv_cache_size=X GiB"; 0.6.5–0.9's "the rest of the memory reserved
    // for KV Cache is X GiB".
    re: new RegExp(
      `(?:Available KV cache memory${SEP}|kv_cache_size=|reserved for KV Cache(?: is)?\\s+)(-?\\d+(?:\\.\\d+)?) ?GiB`,
      "i",
    ),
    read: (m, f) => void (f.availableKvBytes = Math.min(f.availableKvBytes ?? Number.POSITIVE_INFINITY, gib(m[1]!))),
  },
  {
    // 0.10+'s ledger: "Current kv cache memory in use is X GiB" (or "N bytes" in 0.10), for logs without the line above.
    re: /kv cache memory in use is (-?\d+(?:\.\d+)?) ?(GiB|bytes)/i,
    read: (m, f) => {
      const bytes = m[2] === "bytes" ? Number(m[1]) : gib(m[1]!);
      f.kvInUseBytes = Math.min(f.kvInUseBytes ?? Number.POSITIVE_INFINITY, bytes);
    },
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
  // The memory ledger of the profile run, in each release's words (numbers as printed, the first rank's).
  {
    re: new RegExp(
      `(?:activation peak memory(?: takes)?\\s+|torch peak memory increase[:\\s]+|Peak activation memory${SEP})(\\d+(?:\\.\\d+)?) ?GiB`,
      "i",
    ),
    read: (m, f) => void (f.activationBytes ??= gib(m[1]!)),
  },
  { re: /(\d+(?:\.\d+)?) GiB for peak activation/i, read: (m, f) => void (f.activationBytes ??= gib(m[1]!)) },
  {
    re: /(?:non[_-]torch[_ ]memory(?: takes|=)?[*:\s]*|non-torch forward increase memory[:\s]+)(\d+(?:\.\d+)?) ?GiB/i,
    read: (m, f) => void (f.nonTorchBytes ??= gib(m[1]!)),
  },
  { re: /(\d+(?:\.\d+)?) GiB for non-torch memory/i, read: (m, f) => void (f.nonTorchBytes ??= gib(m[1]!)) },
  { re: /(\d+(?:\.\d+)?) GiB for consumed memory/i, read: (m, f) => void (f.consumedBytes ??= gib(m[1]!)) },
  { re: /peak_torch_memory=(\d+(?:\.\d+)?) ?GiB/i, read: (m, f) => void (f.peakTorchBytes ??= gib(m[1]!)) },
  { re: /(\d+(?:\.\d+)?) GiB for weight,/i, read: (m, f) => void (f.weightsBytes ??= gib(m[1]!)) },
  { re: /(\d+(?:\.\d+)?) GiB for CUDAGraph memory/i, read: (m, f) => void (f.cudaGraphBytes ??= gib(m[1]!)) },
  {
    re: /KV-cache blocks: (\d+), size: (\d+)/,
    read: (m, f) => {
      f.kvCacheBlocks = count(m[1]!);
      f.kvCacheBlockSize = count(m[2]!);
    },
  },
  { re: /Setting max batch total tokens to (\d+)/, read: (m, f) => void (f.maxBatchTotalTokens = count(m[1]!)) },
];

const less = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);

/** The activation and non-torch memory the engine booked, as printed or as its ledger implies with the weights. */
export function bookedOverheads(f: StartupFacts): { activationBytes?: number; nonTorchBytes?: number } {
  return {
    activationBytes: f.activationBytes ?? less(f.peakTorchBytes, f.weightsBytes),
    nonTorchBytes: f.nonTorchBytes ?? less(f.consumedBytes, f.weightsBytes),
  };
}

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
