import fc from "fast-check";
import { canonicalSeriesKey } from "./flat-labels";
import { formatValue } from "./format-exposition";
import type { ExpositionFormat, MetricType, ParsedFamily, ParsedSample } from "./types";

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
const nameChar = (extra: string) => fc.constantFrom(...`${letters}0123456789${extra}`.split(""));
const nameOf = (extra: string) =>
  fc
    .tuple(fc.constantFrom(...`${letters}${extra}`.split("")), fc.array(nameChar(extra), { maxLength: 12 }))
    .map(([h, t]) => h + t.join(""));

export const metricNameArb = nameOf(":");
const labelNameArb = nameOf("").filter((n) => n !== "le" && n !== "quantile" && !n.startsWith("__"));
/** Any code unit, quotes, backslashes and line breaks included. */
const labelValueArb = fc.string({ unit: "binary", maxLength: 12 });
const labelsArb = fc.dictionary(labelNameArb, labelValueArb, { maxKeys: 4 });
const valueArb = fc.double().map((v) => (Object.is(v, -0) ? 0 : v));
const timestampArb = fc.option(fc.integer({ min: -1e12, max: 4e12 }), { nil: undefined });

type Shape = {
  type: MetricType;
  suffixes: (format: ExpositionFormat) => { name: string; label?: "le" | "quantile" }[];
};
const SHAPES: Shape[] = [
  { type: "gauge", suffixes: () => [{ name: "" }] },
  { type: "untyped", suffixes: () => [{ name: "" }] },
  { type: "counter", suffixes: (f) => [{ name: f === "openmetrics" ? "_total" : "" }] },
  { type: "histogram", suffixes: () => [{ name: "_bucket", label: "le" }, { name: "_sum" }, { name: "_count" }] },
  { type: "summary", suffixes: () => [{ name: "", label: "quantile" }, { name: "_sum" }, { name: "_count" }] },
];

const rawSampleArb = fc.record({
  which: fc.nat(),
  labels: labelsArb,
  bound: fc.double({ noNaN: true }),
  value: valueArb,
  timestampMs: timestampArb,
});

/** A family whose samples fit its type in `format`, every series once. */
const familyArb = (format: ExpositionFormat) =>
  fc
    .record({
      name: metricNameArb,
      shape: fc.constantFrom(...SHAPES),
      help: fc.option(
        fc.string({ unit: "binary", maxLength: 20 }).map((h) => h.replace(/^[ \t]+/, "")),
        { nil: undefined },
      ),
      raw: fc.array(rawSampleArb, { minLength: 1, maxLength: 5 }),
    })
    .map(({ name, shape, help, raw }): ParsedFamily => {
      const suffixes = shape.suffixes(format);
      const seen = new Set<string>();
      const samples: ParsedSample[] = [];
      for (const r of raw) {
        const suffix = suffixes[r.which % suffixes.length]!;
        const labels = { ...r.labels };
        if (suffix.label) labels[suffix.label] = formatValue(r.bound);
        const sample: ParsedSample = { name: name + suffix.name, labels, value: r.value, line: 0 };
        if (r.timestampMs !== undefined) sample.timestampMs = r.timestampMs;
        const key = canonicalSeriesKey(sample.name, labels);
        if (seen.has(key)) continue;
        seen.add(key);
        samples.push(sample);
      }
      const type = format === "openmetrics" && shape.type === "untyped" ? "unknown" : shape.type;
      return help === undefined ? { name, type, samples } : { name, type, help, samples };
    });

/** Families with distinct names (no family's name is another's sample name). */
export const familiesArb = (format: ExpositionFormat) =>
  fc.uniqueArray(familyArb(format), { minLength: 1, maxLength: 5, selector: (f) => f.name }).filter((families) => {
    const names = new Set(families.map((f) => f.name));
    return families.every((f) => f.samples.every((s) => s.name === f.name || !names.has(s.name)));
  });
