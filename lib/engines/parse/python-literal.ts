/**
 * A small reader for Python literals as they appear in `LLM(...)` keyword arguments:
 * strings, numbers (with `_` separators), True/False/None, dicts, lists and tuples.
 * Anything else (a variable, a call) reads as `unresolved` with its source text.
 */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export interface Unresolved {
  unresolved: string;
}

export class PyReader {
  constructor(
    private readonly text: string,
    public pos = 0,
  ) {}

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  /** Skips blanks, newlines and `#` comments. */
  skipSpace(): void {
    while (this.pos < this.text.length) {
      const ch = this.peek();
      if (ch === "#") {
        while (this.pos < this.text.length && this.peek() !== "\n") this.pos += 1;
      } else if (/\s/.test(ch) || (ch === "\\" && this.text[this.pos + 1] === "\n")) {
        this.pos += 1;
      } else return;
    }
  }

  identifier(): string | undefined {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  value(): PyValue | Unresolved {
    this.skipSpace();
    const ch = this.peek();
    if (ch === '"' || ch === "'") return this.string();
    if (ch === "{") return this.dict();
    if (ch === "[" || ch === "(") return this.list(ch === "[" ? "]" : ")");
    const number = /^[-+]?(\d[\d_]*\.?[\d_]*([eE][-+]?\d+)?|\.\d+)/.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0].replaceAll("_", ""));
    }
    const start = this.pos;
    const word = this.identifier();
    if (word === "True") return true;
    if (word === "False") return false;
    if (word === "None") return null;
    this.skipExpression();
    return { unresolved: this.text.slice(start, this.pos).trim() };
  }

  /** Skips an expression we cannot evaluate, up to the next top-level `,` or closing bracket. */
  private skipExpression(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.peek();
      if (ch === '"' || ch === "'") {
        this.string();
        continue;
      }
      if ("([{".includes(ch)) depth += 1;
      if (")]}".includes(ch)) {
        if (depth === 0) return;
        depth -= 1;
      }
      if (ch === "," && depth === 0) return;
      this.pos += 1;
    }
  }

  private string(): string {
    const quote = this.peek();
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const close = triple ? quote.repeat(3) : quote;
    this.pos += close.length;
    let out = "";
    while (this.pos < this.text.length && !this.text.startsWith(close, this.pos)) {
      const ch = this.peek();
      if (ch === "\\") {
        const next = this.text[this.pos + 1] ?? "";
        const escapes: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"' };
        out += escapes[next] ?? `\\${next}`;
        this.pos += 2;
      } else {
        out += ch;
        this.pos += 1;
      }
    }
    this.pos += close.length;
    this.skipSpace();
    // Adjacent literals concatenate: "a" "b" == "ab".
    if (this.peek() === '"' || this.peek() === "'") return out + this.string();
    return out;
  }

  private dict(): { [key: string]: PyValue } | Unresolved {
    const start = this.pos;
    this.pos += 1;
    const out: { [key: string]: PyValue } = {};
    for (;;) {
      this.skipSpace();
      if (this.peek() === "}") {
        this.pos += 1;
        return out;
      }
      const key = this.value();
      this.skipSpace();
      if (this.peek() !== ":") return this.giveUp(start);
      this.pos += 1;
      const value = this.value();
      if (typeof key !== "string" || isUnresolved(value)) return this.giveUp(start);
      out[key] = value;
      this.skipSpace();
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "}") return this.giveUp(start);
    }
  }

  private list(close: string): PyValue[] | Unresolved {
    const start = this.pos;
    this.pos += 1;
    const out: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) {
        this.pos += 1;
        return out;
      }
      const value = this.value();
      if (isUnresolved(value)) return this.giveUp(start);
      out.push(value);
      this.skipSpace();
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== close) return this.giveUp(start);
    }
  }

  private giveUp(start: number): Unresolved {
    this.pos = start;
    this.skipExpression();
    return { unresolved: this.text.slice(start, this.pos).trim() };
  }
}

export const isUnresolved = (value: PyValue | Unresolved): value is Unresolved =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  "unresolved" in value &&
  Object.keys(value).length === 1;
