import type { CellView } from "@/lib/designer/derive/cells";
import { instanceColor } from "@/lib/designer/derive/colors";
import { TERM_STYLE } from "./terms";

const pct = (x: number) => `${Math.round(x * 100_000) / 1000}%`;

/** Hard-stop gradient: each run [from, to) of the bar (fractions) in its colour, the rest transparent. */
function hardStops(runs: { color: string; from: number; to: number }[]): string {
  if (runs.length === 0) return "none";
  const stops = runs.map((r) => `${r.color} ${pct(r.from)} ${pct(r.to)}`);
  return `linear-gradient(to right, ${stops.join(", ")}, transparent ${pct(runs[runs.length - 1]!.to)})`;
}

/**
 * A cell's stacked bar as two background layers of one element instead of an element per segment (a grid of 512
 * cards would otherwise lay out and paint thousands): every instance's terms in order, and under each instance a
 * 3 px line in its colour. Fractions of `total` (the card, or the planned bytes when over it).
 */
export function barBackground(
  cell: CellView,
  total: number,
): { backgroundImage: string; backgroundSize: string; backgroundPosition: string; backgroundRepeat: string } {
  const terms: { color: string; from: number; to: number }[] = [];
  const owners: { color: string; from: number; to: number }[] = [];
  let at = 0;
  for (const stack of cell.stacks) {
    const start = at;
    for (const t of stack.terms) {
      if (t.bytes <= 0) continue;
      const to = at + t.bytes / total;
      terms.push({ color: TERM_STYLE[t.term].color, from: at, to });
      at = to;
    }
    if (at > start) owners.push({ color: instanceColor(stack.instanceId), from: start, to: at });
  }
  return {
    backgroundImage: `${hardStops(owners)}, ${hardStops(terms)}`,
    backgroundSize: "100% 3px, 100% 100%",
    backgroundPosition: "left bottom, left top",
    backgroundRepeat: "no-repeat",
  };
}
