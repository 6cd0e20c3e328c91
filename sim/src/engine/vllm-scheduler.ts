import { contextLength, type SeqState } from "./request";
import { type Batch, type ScheduledItem, Scheduler } from "./scheduler";

/**
 * vLLM V1's scheduler, simplified: one token budget (max_num_batched_tokens) for decodes and prefill
 * chunks; running requests first; a sequence takes blocks as it grows, and when none are free the most
 * recently admitted running request is preempted (its blocks freed, recomputed later from the front of
 * the queue). New requests are admitted only in steps without a preemption.
 */
export class VllmScheduler extends Scheduler {
  schedule(nowMs: number): Batch {
    let budget = this.limits.tokenBudget;
    let preempted = 0;
    const items: ScheduledItem[] = [];
    for (let i = 0; i < this.running.length && budget > 0; i++) {
      const seq = this.running[i]!;
      const tokens = Math.min(contextLength(seq) - seq.computed, budget);
      if (tokens <= 0) continue;
      let placed = this.grow(seq, tokens);
      while (!placed) {
        const victim = this.running[this.running.length - 1]!;
        this.preempt(victim);
        preempted += 1;
        if (victim === seq) break;
        placed = this.grow(seq, tokens);
      }
      if (!placed) break;
      items.push({ seq, tokens, cachedBefore: seq.computed });
      budget -= tokens;
    }
    if (preempted === 0) this.admit(items, budget);
    return this.toBatch(items, nowMs, preempted);
  }

  private admit(items: ScheduledItem[], budget: number): void {
    while (this.waiting.length > 0 && this.running.length < this.limits.maxNumSeqs && budget > 0) {
      const seq = this.waiting[0]!;
      const tokens = Math.min(contextLength(seq) - seq.computed, budget);
      if (!this.grow(seq, tokens)) break;
      this.waiting.shift();
      this.running.push(seq);
      items.push({ seq, tokens, cachedBefore: seq.computed });
      budget -= tokens;
    }
  }

  /** Takes the blocks `seq` needs to cache `tokens` more tokens. */
  private grow(seq: SeqState, tokens: number): boolean {
    const needed = this.pool.blocksFor(seq.computed + tokens) - seq.blocks;
    if (needed <= 0) return true;
    if (!this.pool.take(needed)) return false;
    seq.blocks += needed;
    return true;
  }

  private preempt(seq: SeqState): void {
    this.running.splice(this.running.indexOf(seq), 1);
    this.pool.give(seq.blocks);
    seq.blocks = 0;
    seq.computed = 0;
    seq.preemptions += 1;
    this.waiting.unshift(seq);
  }
}
