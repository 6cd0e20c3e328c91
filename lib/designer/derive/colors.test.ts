import { describe, expect, it } from "vitest";
import { INSTANCE_PALETTE, instanceColor } from "./colors";

/** WCAG 2 relative luminance and contrast, and the HSL hue, of a #rrggbb colour. */
function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255) as [number, number, number];
}
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as number[];
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
function hue(hex: string): number {
  const [r, g, b] = channels(hex);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return Number.NaN;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

/** Red (0°) and amber (40°): error and warning on the page. Their neighbours (rose, orange, yellow) are kept away too. */
const RED = 0;
const AMBER = 40;
const THEMES = [
  { name: "light", pick: (c: { light: string }) => c.light, text: "#ffffff", cell: "#ffffff" },
  { name: "dark", pick: (c: { dark: string }) => c.dark, text: "#020617", cell: "#0f172a" },
] as const;

describe("instance palette", () => {
  for (const theme of THEMES) {
    const colors = INSTANCE_PALETTE.map(theme.pick);

    it(`${theme.name} theme: no red, amber or their neighbours (≥ 60° from red, ≥ 40° from amber)`, () => {
      for (const color of colors) {
        expect(hueDistance(hue(color), RED), color).toBeGreaterThanOrEqual(60);
        expect(hueDistance(hue(color), AMBER), color).toBeGreaterThanOrEqual(40);
      }
    });

    it(`${theme.name} theme: block text at ≥ 4.5:1 and blocks against the card at ≥ 3:1`, () => {
      for (const color of colors) {
        expect(contrast(color, theme.text), color).toBeGreaterThanOrEqual(4.5);
        expect(contrast(color, theme.cell), color).toBeGreaterThanOrEqual(3);
      }
    });

    it(`${theme.name} theme: every two colours are ≥ 15° of hue apart`, () => {
      for (let a = 0; a < colors.length; a += 1)
        for (let b = a + 1; b < colors.length; b += 1)
          expect(hueDistance(hue(colors[a]!), hue(colors[b]!)), `${colors[a]} vs ${colors[b]}`).toBeGreaterThanOrEqual(
            15,
          );
    });
  }

  it("each entry keeps its hue family across themes, and an id keeps its colour", () => {
    for (const c of INSTANCE_PALETTE) expect(hueDistance(hue(c.light), hue(c.dark)), c.light).toBeLessThanOrEqual(20);
    expect(instanceColor("qwen7b-int4-1")).toBe(instanceColor("qwen7b-int4-1"));
    expect(instanceColor("qwen7b-int4-1")).toMatch(/^light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
  });
});
