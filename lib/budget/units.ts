export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;

/** GiB with two decimals, as vLLM logs it ("23.99 GiB"). */
export const gib = (bytes: number): string => `${(bytes / GIB).toFixed(2)} GiB`;

/** Thousands separators, as vLLM logs token counts ("149,712"). */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US");

export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);
export const roundUpTo = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple;
export const floorTo = (value: number, multiple: number): number => Math.floor(value / multiple) * multiple;

/** Compares release numbers such as "0.10.2" and "0.9"; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
