/** nvidia-smi's text values: "143771 MiB", "59 C", "694.41 W", "100 %", "N/A". */

const MIB = 2 ** 20;
const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: MIB, GiB: 2 ** 30 };

const isMissing = (text: string | undefined) =>
  text === undefined ||
  text === "" ||
  /^(N\/A|\[N\/A\]|Not Supported|\[Not Supported\]|Unknown Error|\[Unknown Error\])$/i.test(text);

/** "143771 MiB" → 150,754,820,096; "N/A" → null. */
export function bytesOf(text: string | undefined): number | null {
  if (isMissing(text)) return null;
  const match = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)$/.exec(text!.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}

/** The number in "59 C", "694.41 W", "100 %"; null for N/A. */
export function numberOf(text: string | undefined): number | null {
  if (isMissing(text)) return null;
  const match = /^(-?\d+(?:\.\d+)?)/.exec(text!.trim());
  return match ? Number(match[1]) : null;
}

export function integerOf(text: string | undefined): number | null {
  const value = numberOf(text);
  return value !== null && Number.isInteger(value) ? value : null;
}

export function textOf(text: string | undefined): string | null {
  return isMissing(text) ? null : text!.trim();
}
