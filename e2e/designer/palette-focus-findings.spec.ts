import type { Page } from "@playwright/test";
import { findTemplate } from "../../lib/layout/templates";
import { type Layout, layoutSchema } from "../../lib/vocabulary/layout-schema";
import { addHost, cell, expect, test } from "./fixtures";
import { seedLayout } from "./seed-layout";

/** Issue 15 items 9, 14 and 18, in the browser that renders them. */

const FOUR_BY_ONE = findTemplate("qwen2.5-7b-4090d-4x1-int4")!.layout;
const TWO_BY_TWO = findTemplate("qwen2.5-7b-4090d-2x2-int4")!.layout;

/** Each block's painted background and text colour, as the browser resolved light-dark() for the page's theme. */
async function blockColours(page: Page): Promise<{ id: string; background: number[]; text: number[] }[]> {
  return page.locator("[data-band-primary]").evaluateAll((bands) =>
    bands.map((band) => {
      const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const style = getComputedStyle(band);
      return {
        id: band.getAttribute("data-band") ?? "",
        background: rgb(style.backgroundColor),
        text: rgb(style.color),
      };
    }),
  );
}

const luminance = ([r, g, b]: number[]) => {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
};
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
function hue([r, g, b]: number[]): number {
  const [R, G, B] = [r! / 255, g! / 255, b! / 255];
  const max = Math.max(R, G, B);
  const d = max - Math.min(R, G, B);
  const h = max === R ? ((G - B) / d) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return (h * 60 + 360) % 360;
}
const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

for (const theme of ["light", "dark"] as const)
  test(`item 9, ${theme}: instance blocks are never red, amber or their neighbours, and their text reads`, async ({
    as,
  }) => {
    const instances = [...FOUR_BY_ONE.instances, ...TWO_BY_TWO.instances.map((i) => ({ ...i, id: `${i.id}-b` }))];
    const hosts = [FOUR_BY_ONE.hosts[0]!, { ...TWO_BY_TWO.hosts[0]!, id: "gpu-node-2", name: "gpu-node-2" }];
    const layout: Layout = layoutSchema.parse({
      name: `palette ${theme}`,
      hosts,
      instances: instances.map((i, k) => (k >= 4 ? { ...i, placement: { ...i.placement!, hostId: "gpu-node-2" } } : i)),
    });
    const id = seedLayout(layout);
    const page = await as("viewer");
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`/layouts/${id}`);
    const colours = await blockColours(page);
    expect(colours).toHaveLength(6);
    for (const { id: block, background, text } of colours) {
      expect(distance(hue(background), 0), `${block} vs red`).toBeGreaterThanOrEqual(60);
      expect(distance(hue(background), 40), `${block} vs amber`).toBeGreaterThanOrEqual(40);
      expect(contrast(background, text), `${block} text`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: `e2e/artifacts/designer-palette-${theme}.png`, fullPage: true });
  });

test("item 14: after picking a model by keyboard, focus is on the new block, and the grid keys go on from it", async ({
  as,
}) => {
  const page = await as("operator");
  await page.goto("/layouts/new");
  await addHost(page);
  await cell(page, "host-a", 1).focus();
  await page.keyboard.press("Enter");
  const search = page.getByRole("region", { name: "New instance" }).getByRole("combobox", { name: "Model" });
  await expect(search).toBeFocused();
  await page.keyboard.type("qwen2.5 7b instruct gptq int4");
  await page.keyboard.press("Enter");
  const id = "qwen2.5-7b-instruct-gptq-int4";
  const block = page.locator(`[data-band-primary="${id}"]`);
  await expect(block).toBeFocused();
  await expect(block).toHaveAccessibleName(new RegExp(`^Open ${id.replace(/\./g, "\\.")}:`));
  await page.keyboard.press("ArrowRight");
  await expect(cell(page, "host-a", 2)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(cell(page, "host-a", 1)).toBeFocused();
  // Duplicating or deleting from the panel keeps focus in the grid: on the copy's block, then on the grid's Tab stop.
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: `Duplicate ${id}` }).click();
  await expect(page.locator(`[data-band-primary="${id}-2"]`)).toBeFocused();
  await page.getByRole("button", { name: `Delete ${id}-2` }).click();
  await expect(page.locator('[role="gridcell"][tabindex="0"]')).toBeFocused();
});

test("item 18: the findings summary above the grid groups every error and warning, each linking to its instance", async ({
  as,
}) => {
  const base = TWO_BY_TWO.instances;
  const layout: Layout = layoutSchema.parse({
    ...TWO_BY_TWO,
    name: "with problems",
    instances: [
      { ...base[0]!, gpuMemoryUtilization: 0.9 },
      { ...base[1]!, port: 8000 },
      { ...base[1]!, id: "tgi-wrong", engine: "tgi", quantization: "gptq_int4", tp: 1, placement: null, port: 9000 },
    ],
  });
  const id = seedLayout(layout);
  const page = await as("operator");
  await page.goto(`/layouts/${id}`);
  const summary = page.getByRole("region", { name: "Findings" });
  await expect(summary.getByRole("heading")).toHaveText("2 errors, 1 warning");
  await expect(summary.locator("summary")).toHaveText([
    "Ports and names: 1 error",
    "Quantization: 1 error",
    "GPU memory: 1 warning",
  ]);
  await expect(summary.getByRole("list", { name: "GPU memory warnings" })).toContainText("above the 90 % ceiling");

  // Each links to its instance: the panel opens it and focus goes to its block.
  await summary
    .getByRole("list", { name: "Ports and names errors" })
    .getByRole("button", { name: "qwen7b-int4-2" })
    .click();
  await expect(page.getByRole("region", { name: "Instance qwen7b-int4-2" })).toBeVisible();
  await expect(page.locator('[data-band-primary="qwen7b-int4-2"]')).toBeFocused();
  // An unplaced instance has no block: its panel heading takes focus.
  await summary.getByRole("list", { name: "Quantization errors" }).getByRole("button", { name: "tgi-wrong" }).click();
  await expect(page.getByRole("heading", { name: "tgi-wrong" })).toBeFocused();

  // Read-only, the summary is the same.
  const viewer = await as("viewer");
  await viewer.goto(`/layouts/${id}`);
  await expect(viewer.getByRole("region", { name: "Findings" }).getByRole("heading")).toHaveText("2 errors, 1 warning");
  await page.screenshot({ path: "e2e/artifacts/designer-findings-summary.png", fullPage: true });
});
