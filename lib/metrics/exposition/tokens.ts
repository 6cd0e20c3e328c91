import { ExpositionParseError, describeFound } from "./parse-error";

export const LF = 10;
const TAB = 9;
const SPACE = 32;

export const isBlank = (c: number) => c === SPACE || c === TAB;

/** [a-zA-Z_:] for metric names, [a-zA-Z_] for label names. */
export function isNameStart(c: number, colonAllowed: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (colonAllowed && c === 58);
}

export function isNameChar(c: number, colonAllowed: boolean): boolean {
  return isNameStart(c, colonAllowed) || (c >= 48 && c <= 57);
}

/** The end of the name starting at `at` (== `at` when there is none). */
export function scanName(text: string, at: number, end: number, colonAllowed: boolean): number {
  if (at >= end || !isNameStart(text.charCodeAt(at), colonAllowed)) return at;
  let i = at + 1;
  while (i < end && isNameChar(text.charCodeAt(i), colonAllowed)) i++;
  return i;
}

export function skipBlanks(text: string, at: number, end: number): number {
  while (at < end && isBlank(text.charCodeAt(at))) at++;
  return at;
}

/** The end of the token at `at`: up to the next blank or the end of the line. */
export function scanToken(text: string, at: number, end: number): number {
  while (at < end && !isBlank(text.charCodeAt(at))) at++;
  return at;
}

/** A failure at offset `at` of `text`, whose line `lineNo` starts at `lineStart`. */
export function fail(
  text: string,
  lineNo: number,
  lineStart: number,
  at: number,
  expected: string,
  foundEnd?: number,
): never {
  throw new ExpositionParseError(lineNo, at - lineStart + 1, expected, describeFound(text, at, foundEnd));
}

const NUMBER_SHAPE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A sample value: a decimal float, or NaN, +Inf, -Inf (any case, `Inf` and `Infinity`, as Go's ParseFloat reads them). */
export function parseFloatToken(token: string): number | undefined {
  if (NUMBER_SHAPE.test(token)) return Number(token);
  switch (token.toLowerCase()) {
    case "nan":
    case "+nan":
    case "-nan":
      return NaN;
    case "inf":
    case "+inf":
    case "infinity":
    case "+infinity":
      return Infinity;
    case "-inf":
    case "-infinity":
      return -Infinity;
    default:
      return undefined;
  }
}

const INTEGER_SHAPE = /^[+-]?\d+$/;

export const parseIntegerToken = (token: string): number | undefined =>
  INTEGER_SHAPE.test(token) ? Number(token) : undefined;
