import { GIB } from "../vocabulary/units";

/** GiB with two decimals, as vLLM logs it ("23.99 GiB"). */
export const gib = (bytes: number): string => `${(bytes / GIB).toFixed(2)} GiB`;

/** Thousands separators, as vLLM logs token counts ("149,712"). */
export const count = (n: number): string => Math.round(n).toLocaleString("en-US");

export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);
export const roundUpTo = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple;
export const floorTo = (value: number, multiple: number): number => Math.floor(value / multiple) * multiple;
