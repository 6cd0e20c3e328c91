/** Whole KV blocks shared by the sequences of one engine (the same count on every rank). */
export class BlockPool {
  private used = 0;

  constructor(
    readonly total: number,
    readonly blockSize: number,
  ) {}

  get free(): number {
    return this.total - this.used;
  }

  get usedBlocks(): number {
    return this.used;
  }

  /** Fraction in use, as vLLM's kv_cache_usage_perc reports it (0–1). */
  get usage(): number {
    return this.total === 0 ? 0 : this.used / this.total;
  }

  blocksFor(tokens: number): number {
    return Math.ceil(tokens / this.blockSize);
  }

  /** Takes `count` blocks, or none when fewer are free. */
  take(count: number): boolean {
    if (count > this.free) return false;
    this.used += count;
    return true;
  }

  give(count: number): void {
    this.used = Math.max(0, this.used - count);
  }
}
