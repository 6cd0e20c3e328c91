import { BlockPool } from "./block-pool";
import { contextLength, type SeqState, type TokenEvent } from "./request";
import type { StepWork } from "./timing";

export interface ScheduledItem {
  seq: SeqState;
  /** Tokens computed for this sequence in the step (1 for a decode). */
  tokens: number;
  /** Tokens already cached before the step. */
  cachedBefore: number;
}

export interface Batch {
  items: ScheduledItem[];
  work: StepWork;
  preempted: number;
}

export interface SchedulerLimits {
  maxNumSeqs: number;
  /** vLLM: max_num_batched_tokens (decode tokens count). TGI: max_batch_prefill_tokens (prefill only). */
  tokenBudget: number;
}

/**
 * Continuous batching shared by both engines: running sequences first, then the waiting queue in
 * arrival order. Subclasses decide how KV blocks are taken: vLLM grows each sequence block by block
 * and preempts the newest sequence when the pool runs dry; TGI reserves a request's whole length up front.
 */
export abstract class Scheduler {
  readonly waiting: SeqState[] = [];
  readonly running: SeqState[] = [];
  readonly pool: BlockPool;

  constructor(
    totalBlocks: number,
    blockSize: number,
    protected readonly limits: SchedulerLimits,
  ) {
    this.pool = new BlockPool(totalBlocks, blockSize);
  }

  add(seq: SeqState): void {
    this.waiting.push(seq);
  }

  get idle(): boolean {
    return this.waiting.length === 0 && this.running.length === 0;
  }

  abstract schedule(nowMs: number): Batch;

  /** Applies a finished step: caches the computed tokens and emits one token per sequence that reached its context end. */
  complete(batch: Batch, endMs: number): TokenEvent[] {
    const events: TokenEvent[] = [];
    for (const { seq, tokens } of batch.items) {
      seq.computed += tokens;
      if (seq.computed < contextLength(seq)) continue; // a prefill chunk with more to come
      const index = seq.generated;
      seq.generated += 1;
      seq.firstTokenMs ??= endMs;
      seq.previousTokenMs = seq.lastTokenMs;
      seq.lastTokenMs = endMs;
      const done = seq.generated >= seq.spec.outputTokens;
      events.push({ seq, atMs: endMs, index, ...(done ? { finished: seq.spec.finishReason } : {}) });
      if (done) this.finish(seq);
    }
    return events;
  }

  /** Drops a sequence (finished or aborted) and frees its blocks. */
  finish(seq: SeqState): void {
    for (const list of [this.running, this.waiting]) {
      const at = list.indexOf(seq);
      if (at >= 0) list.splice(at, 1);
    }
    this.pool.give(seq.blocks);
    seq.blocks = 0;
  }

  protected toBatch(items: ScheduledItem[], nowMs: number, preempted: number): Batch {
    const work: StepWork = { decodeSeqs: 0, decodeContextTokens: 0, prefillTokens: 0, prefillAttentionPairs: 0 };
    for (const item of items) {
      item.seq.firstScheduledMs ??= nowMs;
      const isDecode = item.tokens === 1 && item.cachedBefore === contextLength(item.seq) - 1 && item.seq.generated > 0;
      if (isDecode) {
        work.decodeSeqs += 1;
        work.decodeContextTokens += item.cachedBefore;
      } else {
        work.prefillTokens += item.tokens;
        work.prefillAttentionPairs += item.tokens * (item.cachedBefore + item.tokens / 2);
      }
    }
    return { items, work, preempted };
  }
}
