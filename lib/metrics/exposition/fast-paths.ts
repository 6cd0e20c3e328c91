/**
 * Allocation-free fast paths of the scanner, for the common case of a scrape: each either answers exactly what
 * the full path would, or declines (and the full path runs).
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A plain decimal (`-12`, `27453.0`, `0.4375`) of at most 15 significant digits, read from the text without slicing
 * it. N / 10^k with N < 2^53 and k ≤ 15 is one correctly rounded division of exact values, so the result equals
 * Number() of the same text (Clinger's fast path). Undefined for anything else (exponents, NaN, Inf, long numbers).
 */
export function parseNumber(text: string, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let n = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) {
      fraction = 0;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = fraction > 0 ? n / POW10[fraction]! : n;
  return negative ? -value : value;
}

/**
 * The offset just after the `}` closing a label set that starts after `{`, skipping quoted values (and their
 * escapes) without reading them; -1 when the line ends first. Says nothing about the set being well-formed: the
 * full reader does, when the labels are asked for.
 */
export function skipLabelSet(text: string, at: number, end: number): number {
  let inQuotes = false;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 92) i++;
      else if (c === 34) inQuotes = false;
    } else if (c === 34) inQuotes = true;
    else if (c === 125) return i + 1;
  }
  return -1;
}
