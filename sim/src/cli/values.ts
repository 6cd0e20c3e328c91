import type { OptionSpec } from "./spec";

export type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const pyRepr = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Python's int(): optional sign, digits with single underscores between them, surrounding spaces. */
export function pythonInt(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?\d+(_\d+)*$/.test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

/** Python's float(): decimal and exponent forms, inf/nan. */
export function pythonFloat(text: string): number | undefined {
  const t = text.trim().replace(/_/g, "");
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : undefined;
}

/** vLLM's human_readable_int: 25600, 25.6k (decimal ×1000) or 25K (binary ×1024), k/m/g/t. */
export function humanReadableInt(text: string): number | undefined {
  const plain = pythonInt(text);
  if (plain !== undefined) return plain;
  const match = /^(\d+(?:\.\d+)?)([kmgtKMGT])$/.exec(text.trim());
  if (!match) return undefined;
  const [, digits = "", suffix = ""] = match;
  const power = "kmgt".indexOf(suffix.toLowerCase()) + 1;
  if (suffix === suffix.toUpperCase()) return digits.includes(".") ? undefined : Number(digits) * 1024 ** power;
  return Math.round(Number(digits) * 1000 ** power);
}

export function convertValue(spec: OptionSpec, value: string, plainSizes: boolean): Converted {
  switch (spec.kind) {
    case "int": {
      const n = pythonInt(value);
      return n === undefined ? { ok: false, message: `invalid int value: ${pyRepr(value)}` } : { ok: true, value: n };
    }
    case "size": {
      const n = plainSizes ? pythonInt(value) : humanReadableInt(value);
      const type = plainSizes ? "int" : "human_readable_int";
      return n === undefined
        ? { ok: false, message: `invalid ${type} value: ${pyRepr(value)}` }
        : { ok: true, value: n };
    }
    case "float": {
      const n = pythonFloat(value);
      return n === undefined ? { ok: false, message: `invalid float value: ${pyRepr(value)}` } : { ok: true, value: n };
    }
    case "choice": {
      if (spec.choices?.includes(value)) return { ok: true, value };
      const choices = (spec.choices ?? []).map(pyRepr).join(", ");
      return { ok: false, message: `invalid choice: ${pyRepr(value)} (choose from ${choices})` };
    }
    case "json":
      try {
        return { ok: true, value: JSON.parse(value) };
      } catch {
        // `-O3` and `--compilation-config 3` pass a bare level; dotted keys pass plain strings.
        const n = pythonInt(value);
        if (n !== undefined) return { ok: true, value: n };
        return { ok: false, message: `invalid loads value: ${pyRepr(value)}` };
      }
    default:
      return { ok: true, value };
  }
}
