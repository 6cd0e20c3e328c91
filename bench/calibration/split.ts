/**
 * The fixed fit / holdout split, drawn before any fitting: per engine, the usable ids sorted, shuffled by a
 * Fisher–Yates pass driven by mulberry32(SPLIT_SEED), and the first third (rounded) held out.
 * Run `npx tsx bench/calibration/split.ts --write` to write the result into the case files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { caseFiles } from "./load";
import { ENGINES, type CalibrationCase } from "./schema";

export const SPLIT_SEED = 20_250_716;
export const HOLDOUT_FRACTION = 1 / 3;

/** mulberry32: a small, well-known 32-bit PRNG; the same seed gives the same sequence on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Holdout ids for one stratum. */
export function holdoutOf(ids: readonly string[], seed: number): Set<string> {
  const order = [...ids].sort();
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Set(order.slice(0, Math.round(order.length * HOLDOUT_FRACTION)));
}

/** The split of every usable case, stratified by engine (each engine gets its own seeded shuffle). */
export function assignSplit(
  cases: readonly Pick<CalibrationCase, "id" | "engine" | "usable">[],
  seed = SPLIT_SEED,
): Map<string, "fit" | "holdout"> {
  const split = new Map<string, "fit" | "holdout">();
  ENGINES.forEach((engine, stratum) => {
    const ids = cases.filter((c) => c.usable && c.engine === engine).map((c) => c.id);
    const holdout = holdoutOf(ids, seed + stratum);
    for (const id of ids) split.set(id, holdout.has(id) ? "holdout" : "fit");
  });
  return split;
}

function writeSplit(): void {
  const files = caseFiles();
  const raw = files.map((file) => ({ file, data: JSON.parse(readFileSync(file, "utf8")) as CalibrationCase }));
  const split = assignSplit(raw.map((r) => r.data));
  for (const { file, data } of raw) {
    const next = split.get(data.id);
    if (next === undefined || data.split === next) continue;
    writeFileSync(file, `${JSON.stringify({ ...data, split: next }, null, 2)}\n`);
  }
  const held = [...split.values()].filter((s) => s === "holdout").length;
  console.log(`${split.size} usable cases: ${split.size - held} fit, ${held} holdout (seed ${SPLIT_SEED})`);
}

if (process.argv[1]?.endsWith("split.ts") && process.argv.includes("--write")) writeSplit();
