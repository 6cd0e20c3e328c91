/**
 * Prometheus text exposition (format 0.0.4), in the two dialects the simulated engines use:
 * "python" (prometheus_client, vLLM: counters end in _total, every counter and histogram has a
 * _created sample, floats print like Go: 1.0, 1.5e+09, +Inf) and "rust" (metrics-exporter-prometheus,
 * TGI: names as recorded, shortest float form: 1, 0.5).
 */
export type Dialect = "python" | "rust";
export type Labels = ReadonlyArray<readonly [string, string]>;

/** prometheus_client's floatToGoString. */
export function goFloat(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  if (Number.isNaN(value)) return "NaN";
  let s = pythonRepr(value);
  const dot = s.indexOf(".");
  if (value > 0 && dot > 6) {
    const mantissa = `${s[0]}.${s.slice(1, dot)}${s.slice(dot + 1)}`.replace(/\.?0+$/, "");
    s = `${mantissa}e+0${dot - 1}`;
  }
  return s;
}

/** Python's repr of a float for the magnitudes metrics take (no exponent between 1e-4 and 1e16). */
function pythonRepr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const s = String(value);
  if (!s.includes("e")) return s;
  const [mantissa = "", exponent = "0"] = s.split("e");
  const exp = Number(exponent);
  if (exp < -4 || exp >= 16) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return value.toFixed(Math.max(0, -exp + (mantissa.split(".")[1]?.length ?? 0)));
}

export const formatValue = (dialect: Dialect, value: number): string =>
  dialect === "python" ? goFloat(value) : value === Infinity ? "+Inf" : String(value);

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

export function sample(dialect: Dialect, name: string, labels: Labels, value: number): string {
  const body = labels.map(([key, v]) => `${key}="${escapeLabel(v)}"`).join(",");
  return `${name}${body ? `{${body}}` : ""} ${formatValue(dialect, value)}`;
}

export function header(name: string, type: "counter" | "gauge" | "histogram", help: string): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${name} ${type}`];
}

/** A cumulative histogram with fixed upper bounds. */
export class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    const at = this.buckets.findIndex((bound) => value <= bound);
    if (at >= 0) this.counts[at]! += 1;
  }

  lines(dialect: Dialect, name: string, labels: Labels): string[] {
    let cumulative = 0;
    const out = this.buckets.map((bound, i) => {
      cumulative += this.counts[i]!;
      return sample(dialect, `${name}_bucket`, [...labels, ["le", formatValue(dialect, bound)]], cumulative);
    });
    out.push(sample(dialect, `${name}_bucket`, [...labels, ["le", "+Inf"]], this.count));
    if (dialect === "python")
      out.push(sample(dialect, `${name}_count`, labels, this.count), sample(dialect, `${name}_sum`, labels, this.sum));
    else
      out.push(sample(dialect, `${name}_sum`, labels, this.sum), sample(dialect, `${name}_count`, labels, this.count));
    return out;
  }
}
