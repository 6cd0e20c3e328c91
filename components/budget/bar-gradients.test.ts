import { describe, expect, it } from "vitest";
import type { CellView } from "@/lib/designer/derive/cells";
import { instanceColor } from "@/lib/designer/derive/colors";
import { barBackground } from "./bar-gradients";
import { TERM_STYLE } from "./terms";
import { GIB } from "@/lib/vocabulary/units";

const cell = (stacks: CellView["stacks"]): CellView => ({
  key: "h#0",
  hostId: "h",
  gpuIndex: 0,
  gpuName: "RTX 4090D 24GB",
  memoryBytes: 24 * GIB,
  nvlinkGroup: undefined,
  plannedBytes: stacks.reduce((s, x) => s + x.bytes, 0),
  freeBytes: 0,
  stacks,
  findings: [],
  errorCount: 0,
  warningCount: 0,
});

describe("barBackground", () => {
  it("lays every instance's terms end to end as hard stops, with each instance's colour under its own run", () => {
    const view = cell([
      {
        instanceId: "a",
        bytes: 6 * GIB,
        terms: [
          { term: "weights", bytes: 4 * GIB },
          { term: "kvCache", bytes: 2 * GIB },
        ],
      },
      {
        instanceId: "b",
        bytes: 6 * GIB,
        terms: [
          { term: "weights", bytes: 3 * GIB },
          { term: "activation", bytes: 0 },
          { term: "kvCache", bytes: 3 * GIB },
        ],
      },
    ]);
    const { backgroundImage } = barBackground(view, 24 * GIB);
    const [owners, terms] = backgroundImage.split(/, (?=linear-gradient)/);
    expect(owners).toBe(
      `linear-gradient(to right, ${instanceColor("a")} 0% 25%, ${instanceColor("b")} 25% 50%, transparent 50%)`,
    );
    const w = TERM_STYLE.weights.color;
    const kv = TERM_STYLE.kvCache.color;
    // The zero-byte activation term draws nothing.
    expect(terms).toBe(
      `linear-gradient(to right, ${w} 0% 16.667%, ${kv} 16.667% 25%, ${w} 25% 37.5%, ${kv} 37.5% 50%, transparent 50%)`,
    );
  });

  it("a free card has no coloured runs, and an overfull one fills the bar to 100 %", () => {
    expect(barBackground(cell([]), 24 * GIB).backgroundImage).toBe("none, none");
    const over = cell([{ instanceId: "a", bytes: 30 * GIB, terms: [{ term: "weights", bytes: 30 * GIB }] }]);
    expect(barBackground(over, 30 * GIB).backgroundImage).toContain(`${TERM_STYLE.weights.color} 0% 100%`);
  });
});
