/**
 * A stable colour per instance id, for its block in the grid and the line under its part of a bar. No red, amber or
 * their neighbours (rose, orange, yellow): those mean error and warning on the same page. Each entry has a light-theme
 * colour that takes white text and a dark-theme one that takes near-black text (colors.test.ts checks the contrast and
 * the hue distances); CSS light-dark() picks by the page's color-scheme (app/globals.css sets it per theme).
 */
export const INSTANCE_PALETTE: readonly { light: string; dark: string }[] = [
  { light: "#1d4ed8", dark: "#60a5fa" }, // blue
  { light: "#15803d", dark: "#4ade80" }, // green
  { light: "#7e22ce", dark: "#c084fc" }, // purple
  { light: "#0f766e", dark: "#2dd4bf" }, // teal
  { light: "#4338ca", dark: "#a5b4fc" }, // indigo
  { light: "#4d7c0f", dark: "#a3e635" }, // lime
  { light: "#a21caf", dark: "#e879f9" }, // fuchsia
  { light: "#0e7490", dark: "#22d3ee" }, // cyan
];

/** The text on an instance's block: white on the light theme's dark colours, near-black on the dark theme's light ones. */
export const INSTANCE_TEXT_COLOR = "light-dark(#ffffff, #020617)";

const COLORS = INSTANCE_PALETTE.map((c) => `light-dark(${c.light}, ${c.dark})`);

export function instanceColor(instanceId: string): string {
  let hash = 2166136261;
  for (let k = 0; k < instanceId.length; k += 1) hash = Math.imul(hash ^ instanceId.charCodeAt(k), 16777619);
  return COLORS[(hash >>> 0) % COLORS.length]!;
}
