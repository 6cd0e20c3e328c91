import type { Page } from "@playwright/test";
import { findTemplate } from "../../lib/layout/templates";
import { cell, expect, test } from "./fixtures";
import { seedLayout } from "./seed-layout";

/**
 * Issue 15 item 10: the seed's 2×2 layout at 390, 1024 and 1440 px, light and dark, as the operator who edits it.
 * Nothing is wider than the window except the grid's own scroller; a 4-GPU host is whole at 1024 px (the side panel
 * is an overlay drawer there); a phone reads it, read-only; the revision diff shows GPU 3 at 1440 px.
 */

const SEED_2X2 = findTemplate("qwen2.5-7b-4090d-2x2-int4")!.layout;
const HOST = "gpu-node-1";
const WIDTHS = [390, 1024, 1440] as const;
const THEMES = ["light", "dark"] as const;

/**
 * Elements that stick out of the window (not clipped by an ancestor that stays inside it), and scrolling boxes other
 * than the grid's own scroller. Both lists are empty when the page fits.
 */
async function overflow(page: Page): Promise<{ outside: string[]; scrollers: string[]; pageWidth: number }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).split(" ").slice(0, 3).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const clips = (el: Element) => /(hidden|auto|scroll|clip)/.test(getComputedStyle(el).overflowX);
    const outside: string[] = [];
    const scrollers: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (
        /(auto|scroll)/.test(style.overflowX) &&
        el.scrollWidth > el.clientWidth + 1 &&
        !el.matches("[data-grid-scroller]")
      )
        scrollers.push(name(el));
      if (rect.right <= vw + 1 && rect.left >= -1) continue;
      // Clipped by some ancestor box that itself lies inside the window (a cell's text, the grid's scroller).
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body && !clipped; a = a.parentElement) {
        if (!clips(a)) continue;
        const r = a.getBoundingClientRect();
        clipped = r.right <= vw + 1 && r.left >= -1;
      }
      if (!clipped) outside.push(name(el));
    }
    return { outside, scrollers, pageWidth: document.documentElement.scrollWidth };
  });
}

/** The four GPU cells lie whole inside the window and inside the grid's scroller without scrolling it. */
async function expectHostWhole(page: Page, width: number) {
  const scroller = await page.locator("[data-grid-scroller]").boundingBox();
  if (!scroller) throw new Error("no grid scroller");
  for (const gpu of [0, 1, 2, 3]) {
    const box = await cell(page, HOST, gpu).boundingBox();
    if (!box) throw new Error(`GPU ${gpu} has no box`);
    expect(box.x, `GPU ${gpu} left`).toBeGreaterThanOrEqual(scroller.x - 1);
    expect(box.x + box.width, `GPU ${gpu} right`).toBeLessThanOrEqual(Math.min(width, scroller.x + scroller.width) + 1);
  }
}

for (const width of WIDTHS)
  for (const theme of THEMES)
    test(`the designer at ${width} px, ${theme}: fits the window, screenshot checked`, async ({ as }) => {
      const id = seedLayout({ ...SEED_2X2, name: `seed 2x2 at ${width} ${theme}` });
      const page = await as("operator", { viewport: { width, height: 900 } });
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`/layouts/${id}`);
      await expect(page.getByRole("grid", { name: "GPU layout" }).getByRole("gridcell")).toHaveCount(4);
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);

      const fit = await overflow(page);
      expect(fit.outside).toEqual([]);
      expect(fit.scrollers).toEqual([]);
      expect(fit.pageWidth).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `e2e/artifacts/designer-${width}-${theme}.png`, fullPage: true });

      if (width === 390) {
        // A phone reads the plan: read-only, said once; the grid scrolls in its own box and an instance opens.
        await expect(page.getByRole("note", { name: "Read-only" })).toHaveText(
          "Read-only on a screen this narrow: edit the layout in a window at least 640 px wide.",
        );
        await expect(page.getByRole("button", { name: "Save revision" })).toHaveCount(0);
        await page.getByRole("button", { name: /^Open qwen7b-int4-1:/ }).click();
        await expect(page.getByRole("complementary", { name: "Details" })).toHaveCSS("position", "fixed");
        await expect(page.getByRole("region", { name: "Instance qwen7b-int4-1" })).toBeVisible();
        expect((await overflow(page)).outside).toEqual([]);
        await page.screenshot({ path: `e2e/artifacts/designer-${width}-${theme}-instance.png` });
        return;
      }
      await expectHostWhole(page, width);
      // Open an instance: at 1024 px the panel is a drawer over the grid (the host stays whole under it), at 1440 a column.
      await page.getByRole("button", { name: /^Open qwen7b-int4-1:/ }).click();
      const panel = page.getByRole("complementary", { name: "Details" });
      await expect(panel.getByRole("region", { name: "Instance qwen7b-int4-1" })).toBeVisible();
      await expect(panel).toHaveCSS("position", width < 1280 ? "fixed" : "sticky");
      await expectHostWhole(page, width);
      expect((await overflow(page)).outside).toEqual([]);
      await page.screenshot({ path: `e2e/artifacts/designer-${width}-${theme}-instance.png` });
      if (width < 1280) {
        await panel.getByRole("button", { name: "Close details" }).click();
        await expect(panel).toBeHidden();
      }
    });

test("the revision diff at 1440 px shows GPU 3 of both revisions whole", async ({ as }) => {
  const second = {
    ...SEED_2X2,
    instances: SEED_2X2.instances.map((i, k) => (k === 0 ? { ...i, maxModelLen: 16384 } : i)),
  };
  const id = seedLayout({ ...SEED_2X2, name: "diff at 1440" }, [], [second]);
  const page = await as("operator", { viewport: { width: 1440, height: 900 } });
  await page.goto(`/layouts/${id}/diff?from=1&to=2`);
  for (const label of ["GPU layout revision 1", "GPU layout revision 2"]) {
    const grid = page.getByRole("grid", { name: label });
    const section = await grid.locator("xpath=ancestor::section[1]").boundingBox();
    const gpu3 = await grid.locator(`[role="gridcell"][data-gpu="3"]`).boundingBox();
    if (!section || !gpu3) throw new Error("no boxes");
    expect(gpu3.x + gpu3.width).toBeLessThanOrEqual(Math.min(1440, section.x + section.width) + 1);
  }
  expect((await overflow(page)).outside).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/designer-diff-1440.png", fullPage: true });
});
