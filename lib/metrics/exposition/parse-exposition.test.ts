import { describe, expect, it } from "vitest";
import { CONTENT_TYPE, formatFromContentType, SCRAPE_ACCEPT_HEADER } from "./content-type";
import { ExpositionParseError } from "./parse-error";
import { parseExposition } from "./parse-exposition";
import type { ExpositionFormat } from "./types";

const parse = (text: string, format: ExpositionFormat = "prometheus-text") => parseExposition(text, format);
const samples = (text: string, format: ExpositionFormat = "prometheus-text") =>
  parse(text, format).families.flatMap((f) => f.samples);
const errorOf = (text: string, format: ExpositionFormat = "prometheus-text"): ExpositionParseError => {
  try {
    parse(text, format);
  } catch (e) {
    if (e instanceof ExpositionParseError) return e;
    throw e;
  }
  throw new Error("parsed without error");
};

describe("text format 0.0.4", () => {
  it("reads HELP, TYPE, labels, values and millisecond timestamps", () => {
    const p = parse(
      '# HELP x_total Requests.\n# TYPE x_total counter\nx_total{code="200",method="GET"} 1027 1395066363000\n# a comment\n\n  y 3  \n',
    );
    expect(p.families[0]).toMatchObject({ name: "x_total", type: "counter", help: "Requests." });
    expect(p.families[0]!.samples[0]).toMatchObject({
      labels: { code: "200", method: "GET" },
      value: 1027,
      timestampMs: 1395066363000,
      line: 3,
    });
    expect(p.families[1]).toMatchObject({ name: "y", type: "untyped", samples: [{ value: 3 }] });
  });

  it("reads NaN, +Inf, -Inf and exponents", () => {
    const values = samples("a NaN\nb +Inf\nc -Inf\nd 1.5e-3\ne -0.25\nf Inf\n").map((s) => s.value);
    expect(values).toEqual([NaN, Infinity, -Infinity, 0.0015, -0.25, Infinity]);
  });

  it('unescapes \\\\, \\" and \\n in label values and keeps other escapes as written, as Prometheus does', () => {
    expect(samples('a{p="C:\\\\x\\"q\\"\\nz",r="\\t"} 1\n')[0]!.labels).toEqual({ p: 'C:\\x"q"\nz', r: "\\t" });
  });

  it("allows blanks around label tokens and a trailing comma", () => {
    expect(samples('a { x = "1" , y="2", } 1\n')[0]!.labels).toEqual({ x: "1", y: "2" });
  });

  it("groups histogram and summary samples under their family and keeps colon names", () => {
    const p = parse(
      '# TYPE vllm:ttft_seconds histogram\nvllm:ttft_seconds_bucket{le="0.1"} 1\nvllm:ttft_seconds_bucket{le="+Inf"} 2\nvllm:ttft_seconds_sum 0.3\nvllm:ttft_seconds_count 2\n# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 2\ns_count 3\n',
    );
    expect(p.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ["vllm:ttft_seconds", "histogram", 4],
      ["s", "summary", 3],
    ]);
  });

  it("keeps the first of a duplicated series and reports the later line, as Prometheus does", () => {
    const p = parse('a{x="1"} 1\na{x="2"} 2\na{x="1"} 3\n');
    expect(p.families[0]!.samples.map((s) => s.value)).toEqual([1, 2]);
    expect(p.duplicates).toEqual([{ series: 'a{x="1"}', firstLine: 1, line: 3 }]);
  });

  it.each([
    ['a{b="c" 1\n', 1, 9, '"," or "}" after a label value'],
    ["a 1\nb{=1} 2\n", 2, 3, 'a label name or "}"'],
    ["a\n", 1, 2, "a space before the value"],
    ["a one\n", 1, 3, "a number, NaN, +Inf or -Inf as the value"],
    ["a 1 12.5\n", 1, 5, "a timestamp in integer milliseconds or the end of the line"],
    ["a 1 2 3\n", 1, 7, "the end of the line after the timestamp"],
    ['a{b="c\n', 1, 7, "a closing quote"],
    ['a{b="1",b="2"} 1\n', 1, 9, "each label name once in a label set"],
    ["# TYPE a countr\n", 1, 10, "a metric type"],
    ["9a 1\n", 1, 1, 'a metric name or "#"'],
  ])("%j fails at line %i, column %i, expecting %s", (text, line, column, expected) => {
    const e = errorOf(text);
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
    expect(e.expected).toContain(expected);
    expect(e.message).toMatch(/^line \d+, column \d+: expected .+, found .+$/);
  });
});

describe("OpenMetrics 1.0", () => {
  const om = (body: string) => `${body}# EOF\n`;

  it("reads counters with _total and _created, timestamps in seconds, units and skips exemplars", () => {
    const p = parse(
      om(
        '# TYPE foo counter\n# UNIT foo seconds\n# HELP foo A \\"quoted\\" help.\nfoo_total{a="b"} 17.0 1520879607.789 # {trace_id="x y"} 5 1520879607.1\nfoo_created{a="b"} 1520872607.123\n',
      ),
      "openmetrics",
    );
    expect(p.families[0]).toMatchObject({ name: "foo", type: "counter", unit: "seconds", help: 'A "quoted" help.' });
    expect(p.families[0]!.samples.map((s) => [s.name, s.value, s.timestampMs])).toEqual([
      ["foo_total", 17, 1520879607789],
      ["foo_created", 1520872607.123, undefined],
    ]);
  });

  it("reads info and stateset families", () => {
    const p = parse(
      om(
        '# TYPE build info\nbuild_info{version="1.0"} 1\n# TYPE state stateset\nstate{state="a"} 1\nstate{state="b"} 0\n',
      ),
      "openmetrics",
    );
    expect(p.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ["build", "info", 1],
      ["state", "stateset", 2],
    ]);
  });

  it.each([
    ["a 1\n", 2, 1, '"# EOF" as the last line'],
    ["a 1\n# EOF\nb 2\n", 3, 1, 'nothing after "# EOF"'],
    ["a 1\n\n# EOF\n", 2, 1, "OpenMetrics has no empty lines"],
    ["a  1\n# EOF\n", 1, 2, "exactly one space between tokens"],
    ['a{b="c",} 1\n# EOF\n', 1, 9, 'a label name after ","'],
    ['a{b="\\t"} 1\n# EOF\n', 1, 6, "an escape"],
    ["# comment\n# EOF\n", 1, 3, '"HELP", "TYPE", "UNIT" or "EOF"'],
    ["# TYPE h histogram\nh_bucket 1\n# EOF\n", 2, 1, 'a numeric "le" label'],
    ["# TYPE a gauge\n# TYPE a gauge\n# EOF\n", 2, 8, "one TYPE line"],
    ['a 1 # {x="y"}\n# EOF\n', 1, 14, "a space before the exemplar value"],
    ["# TYPE a untyped\n# EOF\n", 1, 10, "a metric type"],
  ])("%j fails at line %i, column %i, expecting %s", (text, line, column, expected) => {
    const e = errorOf(text, "openmetrics");
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
    expect(e.expected).toContain(expected);
  });
});

describe("content negotiation", () => {
  it("reads OpenMetrics only when the target says so, and the text format otherwise, as Prometheus does", () => {
    expect(formatFromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8")).toBe("openmetrics");
    expect(formatFromContentType("text/plain; version=0.0.4")).toBe("prometheus-text");
    expect(formatFromContentType(undefined)).toBe("prometheus-text");
    expect(formatFromContentType("application/json")).toBe("prometheus-text");
    expect(formatFromContentType(CONTENT_TYPE.openmetrics)).toBe("openmetrics");
  });

  it("prefers OpenMetrics in the Accept header and falls back to the text format", () => {
    expect(SCRAPE_ACCEPT_HEADER.indexOf("application/openmetrics-text;version=1.0.0")).toBe(0);
    expect(SCRAPE_ACCEPT_HEADER).toContain("text/plain;version=0.0.4;q=0.5");
  });
});
