/**
 * Real deployments back into the corpus: turns fleetdeck's predicted-vs-actual export (the Metrics page's
 * "Export JSON", GET /api/metrics/predicted?download=1; format in lib/metrics/predicted/export-format.ts) into
 * calibration cases that bench/calibration.ts can read beside cases/*.json. Every `logged` figure comes from the
 * engine's own start-up lines the export carries, as in the corpus; simulated engines become cases marked
 * unusable (their "actual" is the simulator's model, not an engine's).
 */
import { resolveModel } from "../../lib/layout/resolvers";
import { type InstanceComparison, predictedVsActualSchema } from "../../lib/metrics/predicted/export-format";
import { parseStartupLog } from "../../lib/metrics/predicted/parse-startup-log";
import { GIB } from "../../lib/vocabulary/units";
import { type CalibrationCase, caseSchema, type Logged } from "./schema";

export interface ImportOptions {
  /** An https URL where the export can be found (a fleetdeck instance's address, a gist, an issue). */
  source: string;
}

export interface ImportResult {
  cases: CalibrationCase[];
  /** Instances that give no case, and why. */
  skipped: { instanceId: string; why: string }[];
}

/** GiB as the engine printed it (four decimals at most), so the figure matches its line. */
const gib = (bytes: number | undefined) => (bytes === undefined ? undefined : Number((bytes / GIB).toFixed(4)));
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .replace(/\.{2,}/g, ".");

function loggedOf(lines: readonly string[]): Logged {
  const f = parseStartupLog(lines);
  const entries = {
    weightsGiB: gib(f.weightsBytes),
    availableKvGiB: gib(f.availableKvBytes),
    kvCacheTokens: f.kvCacheTokens,
    gpuBlocks: f.gpuBlocks,
    maxConcurrency: f.maxConcurrency,
    maxConcurrencyForTokens: f.maxConcurrencyForTokens,
    cudaGraphGiB: gib(f.cudaGraphBytes),
    // As printed only: a figure derived from two lines (0.11+'s consumed memory less the weights) has no line of its own.
    activationPeakGiB: gib(f.activationBytes),
    nonTorchGiB: gib(f.nonTorchBytes),
    maxBatchTotalTokens: f.maxBatchTotalTokens,
    kvCacheBlocks: f.kvCacheBlocks,
    kvCacheBlockSize: f.kvCacheBlockSize,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Logged;
}

function settingsOf(i: InstanceComparison): CalibrationCase["settings"] {
  const s = i.settings;
  const vllm = i.engine === "vllm";
  const entries = {
    ...(vllm ? { tensorParallelSize: s.tp, gpuMemoryUtilization: s.gpuMemoryUtilization } : { numShard: s.tp }),
    maxModelLen: vllm ? (s.maxModelLen ?? undefined) : undefined,
    maxNumSeqs: vllm ? (s.maxNumSeqs ?? undefined) : undefined,
    maxNumBatchedTokens: vllm ? (s.maxNumBatchedTokens ?? undefined) : undefined,
    ...(vllm ? { quantization: s.quantization ?? undefined } : { quantize: s.quantization ?? undefined }),
    kvCacheDtype: vllm ? s.kvCacheDtype : undefined,
    blockSize: vllm ? (s.blockSize ?? undefined) : undefined,
    enforceEager: vllm ? s.enforceEager : undefined,
    cudaMemoryFraction: vllm ? undefined : (s.cudaMemoryFraction ?? undefined),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

function caseOf(i: InstanceComparison, exportedAt: string, options: ImportOptions): CalibrationCase {
  const why = i.simulated
    ? "simulated engine: the figures are fleetdeck-sim's own sizing, not a real vLLM or TGI start-up"
    : undefined;
  return caseSchema.parse({
    id: slug(
      `fleetdeck-${i.engine}-${i.engineVersion ?? "default"}-${i.model}-${i.gpu.gpuId ?? i.gpu.name}-tp${i.settings.tp}-${i.instanceKey}`,
    ),
    source: options.source,
    sourceDetail: `fleetdeck predicted-vs-actual export of ${exportedAt}: instance ${i.layoutName} / ${i.instanceKey} (${i.instanceId}), revision ${i.revisionId}, host ${i.hostName ?? "?"} GPUs ${i.gpuIndices.join(",")}`,
    engine: i.engine,
    engineVersion: i.engineVersion,
    engineVersionEvidence: i.engineVersion
      ? "the engineVersion the instance was applied with"
      : "not pinned in the layout: the image's default release",
    command: null,
    settings: settingsOf(i),
    gpu: {
      name: i.gpu.name,
      count: i.gpu.count,
      memoryGiB: i.gpu.memoryBytes > 0 ? gib(i.gpu.memoryBytes) : null,
      evidence: `the GPU the layout planned the instance on${i.gpu.gpuId ? ` (catalog id ${i.gpu.gpuId})` : ""}`,
    },
    model: resolveModel(i.model)
      ? { id: i.model, catalogId: i.model }
      : { id: i.model, configUnknown: "not in fleetdeck's catalog; the export does not carry its config.json" },
    outcome: "started",
    logged: loggedOf(i.startupLogLines),
    logLines: i.startupLogLines,
    usable: why === undefined,
    ...(why ? { whyNot: why } : { split: "holdout" }),
  });
}

/** Calibration cases from an export document (parsed with the export's own schema; errors name the field). */
export function importFleetdeckExport(json: unknown, options: ImportOptions): ImportResult {
  const doc = predictedVsActualSchema.parse(json);
  const result: ImportResult = { cases: [], skipped: [] };
  for (const i of doc.instances) {
    if (i.startupLogLines.length === 0) {
      result.skipped.push({ instanceId: i.instanceId, why: "the export has no start-up log lines for it" });
      continue;
    }
    result.cases.push(caseOf(i, doc.exportedAt, options));
  }
  return result;
}
