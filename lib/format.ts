const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** Bytes for people: binary units (what nvidia-smi and vLLM print), 3 significant digits. */
export function formatBytes(bytes: number | bigint): string {
  let value = Number(bytes);
  if (!Number.isFinite(value)) return "—";
  const sign = value < 0 ? "-" : "";
  value = Math.abs(value);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

// One formatter, made once: Number#toLocaleString builds a new Intl.NumberFormat on every call (slow on every edit).
const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A whole number with thousands separators: 131,072. */
export function formatCount(n: number): string {
  return GROUPED.format(Math.round(n));
}

export function formatPercent(fraction: number, digits = 0): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function formatRelativeTime(at: Date, now: Date = new Date()): string {
  const s = Math.round((now.getTime() - at.getTime()) / 1000);
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return at.toISOString().slice(0, 10);
}
