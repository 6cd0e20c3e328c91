/** The only error the exposition parser throws: where (1-based line and column), what it expected, what it found. */
export class ExpositionParseError extends Error {
  override readonly name = "ExpositionParseError";
  constructor(
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`line ${line}, column ${column}: expected ${expected}, found ${found}`);
  }
}

/** How a found character or token reads in an error message. */
export function describeFound(text: string, at: number, end = at + 1): string {
  if (at >= text.length) return "end of input";
  const c = text.charCodeAt(at);
  if (c === 10) return "end of line";
  const token = text.slice(at, Math.min(end, at + 40));
  return JSON.stringify(token);
}
