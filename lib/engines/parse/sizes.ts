/**
 * Docker-style sizes to bytes: "32g", "8GB", "16gi", "1024m", "512k", "1.5g", "4096" (bytes).
 * Docker (units.RAMInBytes) reads every unit as binary: 1g = 2^30 bytes.
 */
const UNIT_POWERS: Record<string, number> = { "": 0, b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

export function parseSize(text: string): number | undefined {
  const match = text.trim().match(/^(\d+(?:\.\d+)?)\s*([kmgtpb]?)(i?)(b?)$/i);
  if (!match) return undefined;
  const [, amount = "", unit = "", iMark = "", bMark = ""] = match;
  const key = unit.toLowerCase();
  if (key === "b" && (iMark || bMark)) return undefined;
  const power = UNIT_POWERS[key];
  if (power === undefined) return undefined;
  return Math.round(Number.parseFloat(amount) * 1024 ** power);
}

/** Bytes as Docker writes them, in the largest whole binary unit ("32g", "1536m", "1000"). */
export function formatDockerSize(bytes: number): string {
  const units: [string, number][] = [
    ["t", 4],
    ["g", 3],
    ["m", 2],
    ["k", 1],
  ];
  for (const [unit, power] of units) {
    const size = 1024 ** power;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
