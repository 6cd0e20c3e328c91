/**
 * The fixed fit / holdout split, drawn before any fitting and never redrawn.
 *
 * - The first 48 usable cases were split by one seeded shuffle per engine (a third held out); that draw is frozen in
 *   `split-first-draw.json`, because the model was fitted on it.
 * - Every case made usable later is split on its own: holdout when mulberry32(SPLIT_SEED + fnv1a(id)) falls below a
 *   third. Its side depends only on its id, so adding a case never moves another one between fit and holdout.
 *
 * Run `npx tsx bench/calibration/split.ts --write` to write the result into the case files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { caseFiles } from "./load";
import { ENGINES, type CalibrationCase } from "./schema";

export const SPLIT_SEED = 20_250_716;
export const HOLDOUT_FRACTION = 1 / 3;
export const FIRST_DRAW_FILE = join(import.meta.dirname, "split-first-draw.json");

type Side = "fit" | "holdout";

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

/** FNV-1a, 32 bits: turns an id into a seed offset. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Holdout ids for one stratum (the first draw's method). */
export function holdoutOf(ids: readonly string[], seed: number): Set<string> {
  const order = [...ids].sort();
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Set(order.slice(0, Math.round(order.length * HOLDOUT_FRACTION)));
}

/** The side of a case added after the first draw: a function of its id alone. */
export function sideOfLaterCase(id: string, seed = SPLIT_SEED): Side {
  return mulberry32((seed + fnv1a(id)) >>> 0)() < HOLDOUT_FRACTION ? "holdout" : "fit";
}

const firstDrawSchema = z.object({
  seed: z.number().int(),
  drawn: z.string(),
  cases: z.record(z.string(), z.enum(["fit", "holdout"])),
});

export function readFirstDraw(file = FIRST_DRAW_FILE): Map<string, Side> {
  return new Map(Object.entries(firstDrawSchema.parse(JSON.parse(readFileSync(file, "utf8"))).cases));
}

/** The split of every usable case: the frozen first draw where it has the case, the per-id draw otherwise. */
export function assignSplit(
  cases: readonly Pick<CalibrationCase, "id" | "engine" | "usable">[],
  firstDraw: ReadonlyMap<string, Side> = readFirstDraw(),
  seed = SPLIT_SEED,
): Map<string, Side> {
  const split = new Map<string, Side>();
  for (const c of cases) {
    if (!c.usable || !ENGINES.includes(c.engine)) continue;
    split.set(c.id, firstDraw.get(c.id) ?? sideOfLaterCase(c.id, seed));
  }
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
