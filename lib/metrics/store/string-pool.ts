/**
 * One copy of each label value and metric name across all series (a model name or a GPU UUID is shared by
 * hundreds of series), counted so a string no series uses any more is let go. Pooled strings are also
 * detached copies: they never keep a scraped body alive (V8 slices reference their parent string).
 */
export class StringPool {
  private readonly strings = new Map<string, { s: string; refs: number }>();

  take(s: string): string {
    const entry = this.strings.get(s);
    if (entry) {
      entry.refs += 1;
      return entry.s;
    }
    const copy = s.length > 12 ? ` ${s}`.slice(1) : s;
    this.strings.set(copy, { s: copy, refs: 1 });
    return copy;
  }

  release(s: string): void {
    const entry = this.strings.get(s);
    if (entry && --entry.refs === 0) this.strings.delete(s);
  }

  get size(): number {
    return this.strings.size;
  }
}
