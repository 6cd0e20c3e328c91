/**
 * Layout files: JSON or YAML in, canonical JSON out. Byte fields take sizes with suffixes
 * ("64GiB", "24g", "80 GB"); errors name the field path and say what to write instead.
 */
import { parseDocument } from "yaml";
import { migrateLayout } from "./migrations";
import { type Layout, LAYOUT_SCHEMA_VERSION, layoutSchema } from "../vocabulary/layout-schema";
import { describeIssues, formatPath } from "./zod-issues";
import { KIB } from "../vocabulary/units";

export type LayoutFileFormat = "json" | "yaml";
export type LayoutFileResult = { ok: true; layout: Layout; fromVersion: number } | { ok: false; errors: string[] };

/** Binary: k/K, Ki, KiB (and m, g, t alike), as Docker reads "32g". Decimal (SI): kB, MB, GB, TB in any case. */
const BINARY: Record<string, number> = { k: KIB, m: KIB ** 2, g: KIB ** 3, t: KIB ** 4 };
const DECIMAL: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12 };

/** Bytes of a size such as "64GiB", "24g", "80 GB", "1.5TiB", "4096"; null when it is not a size. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] ?? "";
  let factor: number | undefined;
  if (unit === "" || /^b$/i.test(unit)) factor = 1;
  else if (/^[kmgt](i|ib)?$/i.test(unit)) factor = BINARY[unit.charAt(0).toLowerCase()];
  else if (/^[kmgt]b$/i.test(unit)) factor = DECIMAL[unit.charAt(0).toLowerCase()];
  if (factor === undefined) return null;
  const bytes = Math.round(amount * factor);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Replaces size strings in the byte fields by numbers; collects an error per field that is not a size. */
function convertSizes(raw: Loose, errors: string[]): void {
  const convert = (holder: Loose, key: string, path: PropertyKey[]) => {
    const value = holder[key];
    if (typeof value !== "string") return;
    const bytes = parseSize(value);
    if (bytes !== null) holder[key] = bytes;
    else {
      const example = /\d+/.exec(value)?.[0] ?? "64";
      errors.push(`${formatPath([...path, key])}: '${value}' is not a size; write ${example}GiB or a number of bytes`);
    }
  };
  (Array.isArray(raw.hosts) ? raw.hosts : []).forEach((host: unknown, h: number) => {
    if (!isRecord(host)) return;
    convert(host, "ramBytes", ["hosts", h]);
    (Array.isArray(host.gpus) ? host.gpus : []).forEach((gpu: unknown, g: number) => {
      if (isRecord(gpu)) convert(gpu, "memoryBytes", ["hosts", h, "gpus", g]);
    });
  });
  (Array.isArray(raw.instances) ? raw.instances : []).forEach((instance: unknown, i: number) => {
    if (!isRecord(instance) || !isRecord(instance.limits)) return;
    convert(instance.limits, "memoryBytes", ["instances", i, "limits"]);
    convert(instance.limits, "shmBytes", ["instances", i, "limits"]);
  });
}

export function detectFormat(text: string, fileName?: string): LayoutFileFormat {
  if (fileName && /\.json$/i.test(fileName)) return "json";
  if (fileName && /\.ya?ml$/i.test(fileName)) return "yaml";
  return text.trimStart().startsWith("{") ? "json" : "yaml";
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split("\n");
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

function parseText(
  text: string,
  format: LayoutFileFormat,
): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  if (format === "json") {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      const where = position ? `${lineAndColumn(text, Number(position[1]))}: ` : "";
      return { ok: false, errors: [`not valid JSON: ${where}${message.split("\n")[0]}`] };
    }
  }
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map(
        (e) => `not valid YAML: ${lineAndColumn(text, e.pos[0])}: ${e.message.split("\n")[0]}`,
      ),
    };
  }
  return { ok: true, value: document.toJS() };
}

/** A layout from the text of a JSON or YAML file; older schema versions are migrated. */
export function parseLayoutText(
  text: string,
  options: { format?: LayoutFileFormat; fileName?: string } = {},
): LayoutFileResult {
  const parsed = parseText(text, options.format ?? detectFormat(text, options.fileName));
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value))
    return {
      ok: false,
      errors: ["the file does not hold a layout: expected an object with name, hosts and instances"],
    };
  const version = parsed.value.schemaVersion ?? LAYOUT_SCHEMA_VERSION;
  if (typeof version !== "number" || !Number.isInteger(version) || version > LAYOUT_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        `schemaVersion: ${JSON.stringify(version)} is not a version this fleetdeck reads (0 to ${LAYOUT_SCHEMA_VERSION})`,
      ],
    };
  }
  const migrated = migrateLayout(structuredClone(parsed.value), version);
  if (!migrated)
    return { ok: false, errors: [`schemaVersion: no migration from ${version} to ${LAYOUT_SCHEMA_VERSION}`] };
  const errors: string[] = [];
  convertSizes(migrated, errors);
  if (errors.length > 0) return { ok: false, errors };
  const result = layoutSchema.safeParse(migrated);
  if (!result.success) return { ok: false, errors: describeIssues(result.error, 50) };
  return { ok: true, layout: result.data, fromVersion: version };
}

/** Canonical JSON: defaults filled in, keys in schema order, two-space indent, trailing newline. */
export function formatLayoutJson(layout: Layout): string {
  return `${JSON.stringify(layoutSchema.parse(layout), null, 2)}\n`;
}
