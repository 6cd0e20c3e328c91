import { fail, isBlank, scanName, skipBlanks, LF } from "./tokens";
import type { FlatLabels } from "./types";

const QUOTE = 34;
const BACKSLASH = 92;
const EQUALS = 61;
const COMMA = 44;
const CLOSE = 125;

interface LabelScan {
  text: string;
  lineNo: number;
  lineStart: number;
  end: number;
  /** The text format allows blanks around tokens and a trailing comma; OpenMetrics allows neither. */
  lenient: boolean;
}

/**
 * Reads a label set starting just after `{`, pushing name/value pairs onto `out`; returns the offset after `}`.
 * Escapes: `\\`, `\"`, `\n`. Any other escape is an error in OpenMetrics and kept as written in the text format (as Prometheus does).
 */
export function scanLabels(s: LabelScan, at: number, out: FlatLabels): number {
  const { text, end, lenient } = s;
  let i = at;
  let afterComma = false;
  for (;;) {
    if (lenient) i = skipBlanks(text, i, end);
    if (i < end && text.charCodeAt(i) === CLOSE) {
      if (afterComma && !lenient) fail(text, s.lineNo, s.lineStart, i, 'a label name after ","');
      return i + 1;
    }
    const nameEnd = scanName(text, i, end, false);
    if (nameEnd === i)
      fail(text, s.lineNo, s.lineStart, i, afterComma || out.length === 0 ? 'a label name or "}"' : "a label name");
    const name = text.slice(i, nameEnd);
    for (let k = 0; k < out.length; k += 2) {
      if (out[k] === name) fail(text, s.lineNo, s.lineStart, i, "each label name once in a label set", nameEnd);
    }
    i = lenient ? skipBlanks(text, nameEnd, end) : nameEnd;
    if (i >= end || text.charCodeAt(i) !== EQUALS)
      fail(text, s.lineNo, s.lineStart, i, `"=" after label name "${name}"`);
    i = lenient ? skipBlanks(text, i + 1, end) : i + 1;
    if (i >= end || text.charCodeAt(i) !== QUOTE)
      fail(text, s.lineNo, s.lineStart, i, `a quoted value for label "${name}"`);
    const [value, valueEnd] = scanQuoted(s, i + 1);
    out.push(name, value);
    i = lenient ? skipBlanks(text, valueEnd, end) : valueEnd;
    const c = i < end ? text.charCodeAt(i) : -1;
    if (c === COMMA) {
      i += 1;
      afterComma = true;
      continue;
    }
    if (c === CLOSE) return i + 1;
    fail(text, s.lineNo, s.lineStart, i, '"," or "}" after a label value');
  }
}

/** A quoted string's content from just after its opening quote; returns it and the offset after the closing quote. */
function scanQuoted(s: LabelScan, at: number): [string, number] {
  const { text, end } = s;
  let i = at;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return [text.slice(at, i), i + 1];
    if (c === BACKSLASH) return scanEscaped(s, at, i);
    i++;
  }
  return fail(text, s.lineNo, s.lineStart, i, 'a closing quote (escape a quote as \\" and a line break as \\n)');
}

function scanEscaped(s: LabelScan, at: number, firstEscape: number): [string, number] {
  const { text, end } = s;
  let value = text.slice(at, firstEscape);
  let i = firstEscape;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return [value, i + 1];
    if (c !== BACKSLASH) {
      value += text[i];
      i++;
      continue;
    }
    const next = i + 1 < end ? text.charCodeAt(i + 1) : LF;
    if (next === BACKSLASH) value += "\\";
    else if (next === QUOTE) value += '"';
    else if (next === 110) value += "\n";
    else if (s.lenient && next !== LF) value += text.slice(i, i + 2);
    else fail(text, s.lineNo, s.lineStart, i, 'an escape \\\\, \\" or \\n', i + 2);
    i += 2;
  }
  return fail(text, s.lineNo, s.lineStart, i, 'a closing quote (escape a quote as \\" and a line break as \\n)');
}

export const isBlankAt = (text: string, at: number) => at < text.length && isBlank(text.charCodeAt(at));
