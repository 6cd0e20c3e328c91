import { z } from "zod";

/**
 * The predicted-vs-actual document: what the Metrics page's table shows and "Export JSON" downloads
 * (GET /api/metrics/predicted?download=1), and what bench/calibration imports (importFleetdeckExport).
 * Sizes are bytes; `errorPercent` = (predicted − actual) / |actual| × 100, null when either side is missing.
 */
export const COMPARED_TERMS = [
  "gpuMemoryUsed",
  "weights",
  "activation",
  "nonTorch",
  "cudaGraphs",
  "availableKv",
  "kvCacheTokens",
  "kvBlocks",
  "blockSize",
  "maxConcurrency",
] as const;
export type ComparedTerm = (typeof COMPARED_TERMS)[number];

export const ACTUAL_SOURCES = ["gpu-exporter", "cache-config-info", "startup-log"] as const;
export type ActualSource = (typeof ACTUAL_SOURCES)[number];

export const termComparisonSchema = z.object({
  term: z.enum(COMPARED_TERMS),
  unit: z.enum(["bytes", "tokens", "blocks", "requests"]),
  predicted: z.number().nullable(),
  actual: z.number().nullable(),
  errorPercent: z.number().nullable(),
  /** Where the actual figure was read; null when nothing observes the term. */
  actualSource: z.enum(ACTUAL_SOURCES).nullable(),
});
export type TermComparison = z.infer<typeof termComparisonSchema>;

export const instanceComparisonSchema = z.object({
  instanceId: z.string(),
  instanceKey: z.string(),
  layoutName: z.string(),
  revisionId: z.string(),
  engine: z.enum(["vllm", "tgi"]),
  engineVersion: z.string().nullable(),
  model: z.string(),
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  gpuIndices: z.array(z.number().int()),
  gpu: z.object({
    name: z.string(),
    gpuId: z.string().nullable(),
    memoryBytes: z.number().int(),
    /** GPUs the instance spans (its tensor-parallel size). */
    count: z.number().int(),
  }),
  settings: z.object({
    tp: z.number().int(),
    gpuMemoryUtilization: z.number(),
    maxModelLen: z.number().int().nullable(),
    maxNumSeqs: z.number().int().nullable(),
    maxNumBatchedTokens: z.number().int().nullable(),
    quantization: z.string().nullable(),
    kvCacheDtype: z.string(),
    blockSize: z.number().int().nullable(),
    enforceEager: z.boolean(),
    cudaMemoryFraction: z.number().nullable(),
  }),
  /** The engine is fleetdeck's simulator (its own sizing is the "actual"), not a real vLLM or TGI. */
  simulated: z.boolean(),
  /** Another instance shares one of its GPUs, so the exporter's memory is theirs together. */
  sharedGpu: z.boolean(),
  terms: z.array(termComparisonSchema),
  /** The engine's start-up lines about memory, verbatim. */
  startupLogLines: z.array(z.string()),
  problems: z.array(z.string()),
});
export type InstanceComparison = z.infer<typeof instanceComparisonSchema>;

export const PREDICTED_VS_ACTUAL_FORMAT = "fleetdeck.predicted-vs-actual";

export const predictedVsActualSchema = z.object({
  format: z.literal(PREDICTED_VS_ACTUAL_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  mode: z.enum(["embedded", "prometheus"]),
  instances: z.array(instanceComparisonSchema),
  /** What kept figures from being read (an unavailable source). */
  problems: z.array(z.string()).default([]),
});
export type PredictedVsActual = z.infer<typeof predictedVsActualSchema>;

/** (predicted − actual) / |actual| in percent; null when either is missing or the actual is 0. */
export function errorPercent(predicted: number | null, actual: number | null): number | null {
  if (predicted === null || actual === null || actual === 0) return null;
  return ((predicted - actual) / Math.abs(actual)) * 100;
}
