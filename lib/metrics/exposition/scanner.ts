import { familySuffix } from "./family-names";
import { ExpositionParseError } from "./parse-error";
import { scanLabels } from "./scan-labels";
import { parseNumber, skipLabelSet } from "./fast-paths";
import { fail, isBlank, parseFloatToken, parseIntegerToken, scanName, scanToken, skipBlanks } from "./tokens";
import { labelValue } from "./flat-labels";
import { METRIC_TYPES, TEXT_FORMAT_TYPES, type ExpositionFormat, type FlatLabels, type MetricType } from "./types";

export type MetadataKind = "type" | "help" | "unit";

/**
 * The current sample's name and label set, read only when asked: a scraper that has seen the same `seriesText`
 * before needs neither. `labels()` throws ExpositionParseError for a malformed set; its array is reused by the next sample.
 */
export interface SampleReader {
  name(): string;
  labels(): FlatLabels;
}

/** Receives what the scanner reads, in order. */
export interface ExpositionVisitor {
  /** `seriesText` is the name and label set exactly as written on the line (a cache key for a target's scrapes). */
  sample(seriesText: string, sample: SampleReader, value: number, timestampMs: number | undefined, line: number): void;
  /**
   * The series text the visitor expects on the next sample line (a scraper: the same line of its previous scrape).
   * When the line starts with exactly it, the scanner neither reads nor slices the name and labels, and passes this
   * very string as `seriesText`: the line is known to be well-formed because it equals one read in full before.
   */
  expectedSeries?(): string | undefined;
  metadata?(kind: MetadataKind, name: string, text: string, line: number): void;
}

const HASH = 35;
const OPEN = 123;

/**
 * Reads a whole exposition in one pass without splitting it, calling `visitor` for each sample and metadata line.
 * Throws only ExpositionParseError, naming the line and column and what was expected there.
 */
export function scanExposition(text: string, format: ExpositionFormat, visitor: ExpositionVisitor): void {
  new Scanner(text, format, visitor).run();
}

class Scanner {
  private lineNo = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private sawEof = false;
  private readonly om: boolean;
  private readonly labels: FlatLabels = [];
  /** Where the current sample's label set starts (after `{`), -1 when it has none, -2 once read. */
  private labelsAt = -1;
  private nameStart = 0;
  private nameEnd = 0;
  private readonly reader: SampleReader = {
    name: () => {
      if (this.nameEnd < 0) this.locateSeries();
      return this.text.slice(this.nameStart, this.nameEnd);
    },
    labels: () => this.readLabels(),
  };
  private family = "";
  private familyType: MetricType = "unknown";
  private readonly declared = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly format: ExpositionFormat,
    private readonly visitor: ExpositionVisitor,
  ) {
    this.om = format === "openmetrics";
  }

  run(): void {
    const { text } = this;
    let pos = 0;
    while (pos < text.length) {
      this.lineNo++;
      let end = text.indexOf("\n", pos);
      if (end === -1) end = text.length;
      this.lineStart = pos;
      this.lineEnd = end;
      if (this.sawEof) this.fail(pos, 'nothing after "# EOF"');
      this.line(pos, end);
      pos = end + 1;
    }
    if (this.om && !this.sawEof) {
      throw new ExpositionParseError(
        this.lineNo + 1,
        1,
        '"# EOF" as the last line of an OpenMetrics exposition',
        "end of input",
      );
    }
  }

  private fail(at: number, expected: string, foundEnd?: number): never {
    return fail(this.text, this.lineNo, this.lineStart, at, expected, foundEnd);
  }

  private line(start: number, end: number): void {
    const { text } = this;
    const first = this.om ? start : skipBlanks(text, start, end);
    if (first === end) {
      if (this.om) this.fail(start, "a sample or a # line (OpenMetrics has no empty lines)");
      return;
    }
    if (text.charCodeAt(first) === HASH) this.comment(first, end);
    else this.sampleLine(first, end);
  }

  private comment(at: number, end: number): void {
    const { text } = this;
    let i = at + 1;
    if (this.om) {
      if (text.slice(at, end) === "# EOF") {
        this.sawEof = true;
        return;
      }
      if (i >= end || text.charCodeAt(i) !== 32) this.fail(i, 'a space after "#"');
      i += 1;
    } else {
      i = skipBlanks(text, i, end);
    }
    const wordEnd = scanToken(text, i, end);
    const word = text.slice(i, wordEnd);
    const kind: MetadataKind | undefined =
      word === "TYPE" ? "type" : word === "HELP" ? "help" : word === "UNIT" && this.om ? "unit" : undefined;
    if (!kind) {
      if (this.om) this.fail(i, '"HELP", "TYPE", "UNIT" or "EOF" after "# "', wordEnd);
      return; // an ordinary comment in the text format
    }
    this.metadataLine(kind, wordEnd, end);
  }

  private metadataLine(kind: MetadataKind, at: number, end: number): void {
    const { text } = this;
    if (at >= end || !isBlank(text.charCodeAt(at))) this.fail(at, `a metric name after "${kind.toUpperCase()}"`);
    const nameStart = this.om ? at + 1 : skipBlanks(text, at, end);
    const nameEnd = scanName(text, nameStart, end, true);
    if (nameEnd === nameStart)
      this.fail(nameStart, `a metric name after "${kind.toUpperCase()}"`, scanToken(text, nameStart, end));
    const name = text.slice(nameStart, nameEnd);
    if (nameEnd < end && !isBlank(text.charCodeAt(nameEnd))) this.fail(nameEnd, "a space after the metric name");
    let restStart = nameEnd < end ? nameEnd + 1 : end;
    if (!this.om && kind !== "help") restStart = skipBlanks(text, restStart, end);
    // HELP text only matters to a visitor that reads metadata (a scraper does not)
    if (kind === "help" && !this.visitor.metadata) {
      this.noteDeclared(kind, name, nameStart);
      return;
    }
    let rest = kind === "help" ? this.unescapeHelp(restStart, end) : text.slice(restStart, end);
    if (!this.om && kind === "type") rest = rest.trimEnd();
    if (kind === "type") this.typeLine(name, rest, restStart, nameStart);
    else this.noteDeclared(kind, name, nameStart);
    this.visitor.metadata?.(kind, name, rest, this.lineNo);
  }

  private typeLine(name: string, type: string, at: number, nameAt: number): void {
    const allowed: readonly string[] = this.om ? METRIC_TYPES.filter((t) => t !== "untyped") : TEXT_FORMAT_TYPES;
    if (!allowed.includes(type)) this.fail(at, `a metric type (${allowed.join(", ")})`, this.lineEnd);
    this.noteDeclared("type", name, nameAt);
    this.familyType = type as MetricType;
  }

  /** OpenMetrics allows one TYPE, HELP and UNIT per family; the text format is read leniently, as Prometheus does. */
  private noteDeclared(kind: MetadataKind, name: string, at: number): void {
    if (this.family !== name) {
      this.family = name;
      this.familyType = this.om ? "unknown" : "untyped";
    }
    if (!this.om) return;
    const key = `${kind} ${name}`;
    if (this.declared.has(key))
      this.fail(at, `one ${kind.toUpperCase()} line for metric family "${name}"`, this.lineEnd);
    this.declared.add(key);
  }

  /** `\\` and `\n` (and `\"` in OpenMetrics); any other escape is kept as written, as Prometheus does. */
  private unescapeHelp(at: number, end: number): string {
    const raw = this.text.slice(at, end);
    if (!raw.includes("\\")) return raw;
    return raw.replace(/\\(.)?/g, (whole, c: string | undefined) => {
      if (c === "\\") return "\\";
      if (c === "n") return "\n";
      if (c === '"' && this.om) return '"';
      return whole;
    });
  }

  private sampleLine(at: number, end: number): void {
    const { text } = this;
    this.labels.length = 0;
    this.nameStart = at;
    const expected = this.visitor.expectedSeries?.();
    if (expected !== undefined && text.startsWith(expected, at) && this.endsSeries(at + expected.length, end)) {
      this.nameEnd = -1; // read on demand
      this.labelsAt = -3;
      this.sampleValue(expected, at + expected.length, end);
      return;
    }
    const nameEnd = scanName(text, at, end, true);
    if (nameEnd === at) this.fail(at, 'a metric name or "#"', scanToken(text, at, end));
    this.nameEnd = nameEnd;
    this.labelsAt = -1;
    let seriesEnd = nameEnd;
    const open = this.om ? nameEnd : skipBlanks(text, nameEnd, end);
    if (open < end && text.charCodeAt(open) === OPEN) {
      this.labelsAt = open + 1;
      seriesEnd = skipLabelSet(text, open + 1, end);
      if (seriesEnd < 0) this.readLabels(); // throws, naming what is wrong
    }
    if (this.om) this.checkFamilyLabels(at);
    this.sampleValue(text.slice(at, seriesEnd), seriesEnd, end);
  }

  private sampleValue(seriesText: string, seriesEnd: number, end: number): void {
    const { text } = this;
    const valueStart = this.separator(seriesEnd, end, "a space before the value");
    const valueEnd = scanToken(text, valueStart, end);
    const value = parseNumber(text, valueStart, valueEnd) ?? parseFloatToken(text.slice(valueStart, valueEnd));
    if (value === undefined) this.fail(valueStart, "a number, NaN, +Inf or -Inf as the value", valueEnd);
    const timestampMs = this.om ? this.openMetricsTail(valueEnd, end) : this.textTail(valueEnd, end);
    this.visitor.sample(seriesText, this.reader, value, timestampMs, this.lineNo);
  }

  /** Whether a series text can end at `i`: a blank follows, and (text format) no label set after more blanks. */
  private endsSeries(i: number, end: number): boolean {
    if (i >= end || !isBlank(this.text.charCodeAt(i))) return false;
    if (this.om) return true;
    const next = skipBlanks(this.text, i, end);
    return next >= end || this.text.charCodeAt(next) !== OPEN;
  }

  /** Name end and label start of a line taken by the expected-series fast path, found when someone asks. */
  private locateSeries(): void {
    const { text } = this;
    this.nameEnd = scanName(text, this.nameStart, this.lineEnd, true);
    const open = this.om ? this.nameEnd : skipBlanks(text, this.nameEnd, this.lineEnd);
    this.labelsAt = open < this.lineEnd && text.charCodeAt(open) === OPEN ? open + 1 : -1;
  }

  private readLabels(): FlatLabels {
    if (this.labelsAt === -3) this.locateSeries();
    if (this.labelsAt >= 0) {
      scanLabels(
        { text: this.text, lineNo: this.lineNo, lineStart: this.lineStart, end: this.lineEnd, lenient: !this.om },
        this.labelsAt,
        this.labels,
      );
      this.labelsAt = -2;
    }
    return this.labels;
  }

  /** One space in OpenMetrics, one or more blanks in the text format. */
  private separator(at: number, end: number, expected: string): number {
    if (at >= end || !isBlank(this.text.charCodeAt(at))) this.fail(at, expected);
    if (this.om) {
      if (this.text.charCodeAt(at) !== 32 || isBlank(this.text.charCodeAt(at + 1)))
        this.fail(at, "exactly one space between tokens", at + 2);
      return at + 1;
    }
    return skipBlanks(this.text, at, end);
  }

  private textTail(at: number, end: number): number | undefined {
    const { text } = this;
    const tsStart = skipBlanks(text, at, end);
    if (tsStart === end) return undefined;
    const tsEnd = scanToken(text, tsStart, end);
    const ms = parseIntegerToken(text.slice(tsStart, tsEnd));
    if (ms === undefined) this.fail(tsStart, "a timestamp in integer milliseconds or the end of the line", tsEnd);
    const after = skipBlanks(text, tsEnd, end);
    if (after !== end) this.fail(after, "the end of the line after the timestamp", scanToken(text, after, end));
    return ms;
  }

  private openMetricsTail(at: number, end: number): number | undefined {
    if (at === end) return undefined;
    let i = this.separator(at, end, "a space");
    let timestampMs: number | undefined;
    if (this.text.charCodeAt(i) !== HASH) {
      const tsEnd = scanToken(this.text, i, end);
      const seconds = parseFloatToken(this.text.slice(i, tsEnd));
      if (seconds === undefined || !Number.isFinite(seconds))
        this.fail(i, 'a timestamp in seconds, an exemplar ("# {…} value") or the end of the line', tsEnd);
      timestampMs = Math.round(seconds * 1000);
      if (tsEnd === end) return timestampMs;
      i = this.separator(tsEnd, end, "a space");
    }
    this.skipExemplar(i, end);
    return timestampMs;
  }

  /** Exemplars (`# {trace_id="…"} 0.67 1520879607.789`) are validated and dropped: charts do not use them. */
  private skipExemplar(at: number, end: number): void {
    const { text } = this;
    if (text.charCodeAt(at) !== HASH || text.charCodeAt(at + 1) !== 32 || text.charCodeAt(at + 2) !== OPEN) {
      this.fail(at, 'an exemplar "# {labels} value [timestamp]"', scanToken(text, at, end));
    }
    const i = scanLabels({ text, lineNo: this.lineNo, lineStart: this.lineStart, end, lenient: false }, at + 3, []);
    const valueStart = this.separator(i, end, "a space before the exemplar value");
    const valueEnd = scanToken(text, valueStart, end);
    if (parseFloatToken(text.slice(valueStart, valueEnd)) === undefined)
      this.fail(valueStart, "a number as the exemplar value", valueEnd);
    if (valueEnd === end) return;
    const tsStart = this.separator(valueEnd, end, "a space");
    const tsEnd = scanToken(text, tsStart, end);
    if (parseFloatToken(text.slice(tsStart, tsEnd)) === undefined)
      this.fail(tsStart, "an exemplar timestamp in seconds", tsEnd);
    if (tsEnd !== end) this.fail(tsEnd, "the end of the line after the exemplar");
  }

  /** OpenMetrics: a histogram bucket needs `le`, a summary quantile needs `quantile`, both as numbers. */
  private checkFamilyLabels(at: number): void {
    const name = this.reader.name();
    const suffix = familySuffix(this.format, this.family, this.familyType, name);
    const isHistogram = this.familyType === "histogram" || this.familyType === "gaugehistogram";
    const needed =
      isHistogram && suffix === "_bucket"
        ? "le"
        : this.familyType === "summary" && suffix === ""
          ? "quantile"
          : undefined;
    if (!needed) return;
    const value = labelValue(this.readLabels(), needed);
    if (value === undefined || parseFloatToken(value) === undefined)
      this.fail(at, `a numeric "${needed}" label on ${this.familyType} sample "${name}"`, this.lineEnd);
  }
}
