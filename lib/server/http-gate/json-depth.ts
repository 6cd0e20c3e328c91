/**
 * How deeply the arrays and objects in a JSON text nest, brackets inside strings not counted; the scan stops as
 * soon as `limit` is passed. Runs over raw bytes before any parser, so a body nested 4,000 deep is refused with a
 * 400 instead of overflowing a recursive decoder.
 */
export function exceedsNesting(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return false;
}
