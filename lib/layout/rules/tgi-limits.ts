import type { Finding } from "../../vocabulary/finding";
import type { Instance } from "../../vocabulary/layout-schema";
import { nameOf } from "./describe";

/**
 * The argument checks text-generation-launcher runs at start (launcher/src/main.rs, "Validate args") on the limits as
 * set. max_batch_prefill_tokens against the derived max_input_tokens needs the budget's defaults: budget.tgi-prefill-below-input.
 */
export function checkTgiLimits(instance: Instance): Finding[] {
  if (instance.engine !== "tgi") return [];
  const findings: Finding[] = [];
  const tgi = instance.tgi;
  const total = tgi?.maxTotalTokens ?? instance.maxModelLen;
  if (tgi?.maxInputTokens !== undefined && total !== undefined && tgi.maxInputTokens >= total) {
    findings.push({
      code: "tgi.input-not-below-total",
      severity: "error",
      instanceId: instance.id,
      field: "tgi.maxInputTokens",
      message: `${nameOf(instance)}: --max-input-tokens ${tgi.maxInputTokens} is not below --max-total-tokens ${total}; text-generation-launcher stops with "\`max_input_tokens\` must be < \`max_total_tokens\`".`,
      fix: `Use --max-input-tokens ${total - 1} or less (total = prompt + generated tokens).`,
      patch: { tgi: { ...tgi, maxInputTokens: total - 1 } },
    });
  }
  if (tgi?.maxBatchTotalTokens !== undefined && total !== undefined && total > tgi.maxBatchTotalTokens) {
    findings.push({
      code: "tgi.total-above-batch-total",
      severity: "error",
      instanceId: instance.id,
      field: "tgi.maxBatchTotalTokens",
      message: `${nameOf(instance)}: --max-total-tokens ${total} is above --max-batch-total-tokens ${tgi.maxBatchTotalTokens}; one full request would not fit a batch; the launcher stops with "\`max_total_tokens\` must be <= \`max_batch_total_tokens\`".`,
      fix: `Raise --max-batch-total-tokens to at least ${total}, or leave it out so TGI sizes it from free memory.`,
      patch: { tgi: { ...tgi, maxBatchTotalTokens: total } },
    });
  }
  if (instance.quantization === "exl2" && instance.tp > 1) {
    findings.push({
      code: "tgi.exl2-sharded",
      severity: "error",
      instanceId: instance.id,
      field: "tp",
      message: `${nameOf(instance)}: --quantize exl2 with --num-shard ${instance.tp}; TGI does not shard EXL2 models.`,
      fix: "Use --num-shard 1, or a GPTQ/AWQ checkpoint to shard.",
      patch: { tp: 1 },
    });
  }
  return findings;
}
