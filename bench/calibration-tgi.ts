/** The one TGI start-up log with a known model and GPU, and what the budget makes of it. */
import { budgetInstance } from "../lib/budget/instance";
import { LLAMA3_8B } from "../lib/budget/testing/model-fixtures";
import { instanceSchema } from "../lib/vocabulary/layout-schema";
import { GIB } from "../lib/vocabulary/units";

export const MI300X_TGI_CASE = {
  id: "llama3-8b-mi300x-tgi2.0-shard2",
  source: "GitHub workshop README (TGI on AMD MI300X), 2024-05",
  reportedMaxBatchTotalTokens: 801_568,
  maxBatchPrefillTokens: 4145,
  numShard: 2,
  tgiVersion: "2.0.4",
};

export function tgiCalibration(c: typeof MI300X_TGI_CASE) {
  const instance = instanceSchema.parse({
    id: "tgi",
    engine: "tgi",
    model: LLAMA3_8B.id,
    tp: c.numShard,
    engineVersion: c.tgiVersion,
    tgi: {
      cudaMemoryFraction: 1,
      maxInputTokens: 4095,
      maxTotalTokens: 4096,
      maxBatchPrefillTokens: c.maxBatchPrefillTokens,
    },
  });
  const predict = (memoryBytes: number) =>
    budgetInstance(instance, LLAMA3_8B, { memoryBytes, name: "AMD Instinct", interconnect: "nvlink" }).kvCacheTokens;
  const asStated = predict(191.5 * GIB);
  const as64GiB = predict(63.98 * GIB);
  const rel = (p: number) => (p - c.reportedMaxBatchTotalTokens) / c.reportedMaxBatchTotalTokens;
  return {
    ...c,
    predictedTokensMi300x192GB: asStated,
    relErrorMi300x: rel(asStated),
    predictedTokensIf64GiBCard: as64GiB,
    relErrorIf64GiB: rel(as64GiB),
    usable: false,
    verdict: `not usable for calibration: 801,568 tokens × 64 KiB = 48.9 GiB of KV per GPU, a quarter of what a 192 GB MI300X leaves (model: ${asStated.toLocaleString("en-US")} tokens, ${(rel(asStated) * 100).toFixed(0)}%); a 64 GB card (MI210/MI250 GCD) would give ${as64GiB.toLocaleString("en-US")} (${(rel(as64GiB) * 100).toFixed(0)}%), so the GPU or its memory limit in the README is doubtful. The other TGI logs have no model/GPU or a user-set max_batch_total_tokens.`,
  };
}
