import { slotMemoryBytes } from "../../lib/layout/resolvers";
import { encodeLayout } from "../../lib/layout/codec";
import { syntheticFleet } from "../../lib/layout/testing/fleet-fixtures";
import { placeInstances } from "../../lib/layout/place";
import { expect, test } from "./fixtures";

const big = placeInstances(syntheticFleet(64, 200), { policy: "binpack", gpuMemoryBytes: slotMemoryBytes }).layout;
const rowOf = (host: string) => `[role="row"]:has([data-host="${host}"])`;

test("a 64-host layout draws only the rows near the viewport; scrolling and the keyboard reach every host", async ({
  page,
}) => {
  await page.goto(`/layouts/share#l=${encodeLayout(big)}`);
  const grid = page.getByRole("grid", { name: "GPU layout" });
  await expect(grid).toHaveAttribute("aria-rowcount", "65");
  await expect(page.locator(rowOf("node-0000"))).toBeVisible();
  const drawn = await grid.locator('[role="row"][aria-rowindex]').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(30);
  await expect(page.locator(rowOf("node-0063"))).toHaveCount(0);

  // Scrolled to the end, the last host is drawn where it belongs (its aria-rowindex says which row it is).
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = page.locator(rowOf("node-0063"));
  await expect(last).toBeInViewport();
  await expect(last).toHaveAttribute("aria-rowindex", "65");
  await expect(page.locator(rowOf("node-0010"))).toHaveCount(0);

  // Row heights come from the data (lanes of blocks), not from measuring: every drawn cell and host header holds its content.
  // (node-0042 has GPUs with three instances stacked; from the end of the page, wheel up until it is drawn.)
  for (let k = 0; k < 40 && (await page.locator(rowOf("node-0042")).count()) === 0; k++)
    await page.mouse.wheel(0, -400);
  await page.locator(rowOf("node-0042")).scrollIntoViewIfNeeded();
  const overflowing = await grid
    .locator('[role="gridcell"], [role="rowheader"]')
    .evaluateAll((cells) =>
      cells
        .filter(
          (c) =>
            c.scrollHeight > c.clientHeight + 1 ||
            c.getBoundingClientRect().bottom > c.closest('[role="row"]')!.getBoundingClientRect().bottom + 1,
        )
        .map((c) => c.getAttribute("aria-label") ?? c.textContent),
    );
  expect(overflowing).toEqual([]);

  // Back at the top, arrow keys walk down to host 40: focus stays on a drawn cell, scrolled into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('[role="gridcell"][data-host="node-0000"][data-gpu="0"]').focus();
  for (let k = 0; k < 40; k++) await page.keyboard.press("ArrowDown");
  const focused = page.locator('[role="gridcell"][data-host="node-0040"][data-gpu="0"]');
  await expect(focused).toBeFocused();
  await expect(focused).toBeInViewport();

  // Scrolled away, the focused row stays in the DOM (one Tab stop, never a removed element).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator(rowOf("node-0000"))).toBeInViewport();
  await expect(focused).toBeFocused();
});
