import { contextLength, type SeqState } from "./request";
import { type Batch, type ScheduledItem, Scheduler, type SchedulerLimits } from "./scheduler";

/** Tokens TGI's queue sets aside for a request: its input plus every token it may generate. */
export const reservedTokens = (seq: SeqState): number =>
  seq.spec.promptTokens + (seq.spec.maxTokensParam ?? seq.spec.outputTokens);

/**
 * TGI's router (backends/v3 queue.rs), simplified: a request enters the batch only when its whole
 * length (input + max_new_tokens) fits in max_batch_total_tokens, so nothing is ever preempted;
 * prompts are prefilled in chunks of at most max_batch_prefill_tokens; max_batch_size caps the batch.
 */
export class TgiScheduler extends Scheduler {
  constructor(totalBlocks: number, blockSize: number, limits: SchedulerLimits) {
    super(totalBlocks, blockSize, limits);
  }

  /** Σ reserved tokens of the batch: the gauge tgi_batch_current_max_tokens. */
  get batchMaxTokens(): number {
    return this.running.reduce((sum, seq) => sum + reservedTokens(seq), 0);
  }

  schedule(nowMs: number): Batch {
    let prefillBudget = this.limits.tokenBudget;
    const items: ScheduledItem[] = [];
    for (const seq of this.running) {
      const remaining = contextLength(seq) - seq.computed;
      if (remaining <= 0) continue;
      const isDecode = remaining === 1 && seq.generated > 0;
      const tokens = isDecode ? 1 : Math.min(remaining, prefillBudget);
      if (tokens <= 0) continue;
      if (!isDecode) prefillBudget -= tokens;
      items.push({ seq, tokens, cachedBefore: seq.computed });
    }
    while (this.waiting.length > 0 && this.running.length < this.limits.maxNumSeqs && prefillBudget > 0) {
      const seq = this.waiting[0]!;
      const blocks = this.pool.blocksFor(reservedTokens(seq));
      if (!this.pool.take(blocks)) break;
      seq.blocks = blocks;
      this.waiting.shift();
      this.running.push(seq);
      const tokens = Math.min(contextLength(seq), prefillBudget);
      prefillBudget -= tokens;
      items.push({ seq, tokens, cachedBefore: 0 });
    }
    return this.toBatch(items, nowMs, 0);
  }
}
