import { familySuffix } from "./family-names";
import { canonicalSeriesKey, labelsToRecord } from "./flat-labels";
import { scanExposition } from "./scanner";
import type { DuplicateSeries, ExpositionFormat, MetricType, ParsedExposition, ParsedFamily } from "./types";

/**
 * The whole exposition as metric families (in order of first appearance) with their samples.
 * A series written twice keeps its first sample, like Prometheus; the later ones are listed in `duplicates`.
 * Throws ExpositionParseError on malformed input.
 */
export function parseExposition(text: string, format: ExpositionFormat): ParsedExposition {
  const families: ParsedFamily[] = [];
  const byName = new Map<string, ParsedFamily>();
  const seen = new Map<string, number>();
  const duplicates: DuplicateSeries[] = [];
  let current: ParsedFamily | undefined;
  const untyped: MetricType = format === "openmetrics" ? "unknown" : "untyped";

  const familyNamed = (name: string): ParsedFamily => {
    let family = byName.get(name);
    if (!family) {
      family = { name, type: untyped, samples: [] };
      byName.set(name, family);
      families.push(family);
    }
    return family;
  };

  scanExposition(text, format, {
    metadata(kind, name, value) {
      current = familyNamed(name);
      if (kind === "type") current.type = value as MetricType;
      else if (kind === "help") current.help = value;
      else current.unit = value;
    },
    sample(_seriesText, reader, value, timestampMs, line) {
      const name = reader.name();
      const labels = labelsToRecord(reader.labels());
      const key = canonicalSeriesKey(name, labels);
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        duplicates.push({ series: key, firstLine, line });
        return;
      }
      seen.set(key, line);
      if (!current || familySuffix(format, current.name, current.type, name) === undefined) current = familyNamed(name);
      current.samples.push(
        timestampMs === undefined ? { name, labels, value, line } : { name, labels, value, timestampMs, line },
      );
    },
  });
  return { format, families, duplicates };
}
