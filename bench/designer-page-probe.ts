/** Runs inside the page (serialized by page.evaluate): it must not reference anything outside itself. */
export interface Sample {
  kind: "edit" | "drag-step" | "drop";
  /** Event dispatch → the DOM mutated by React's commit (a MutationObserver callback): event handlers, derive, render, commit. */
  scriptMs: number;
  /** The style recalculation and layout forced right after the commit. */
  layoutMs: number;
  /** The rendering update of the next frame (paint, layerize and what else is left): rAF callback → a posted message. */
  renderMs: number;
  /** Of scriptMs: lib/budget + lib/layout/rules + grid view models (the designer's `designer:derive` measure). */
  deriveMs: number;
  /** Event dispatch → after the next frame's rendering update, including the wait for vsync. */
  toFrameMs: number;
}

export async function inPageMeasure({
  instanceId,
  runs,
  edits = true,
}: {
  instanceId: string;
  runs: number;
  edits?: boolean;
}): Promise<Sample[]> {
  const afterMacrotask = () =>
    new Promise<void>((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => r();
      ch.port2.postMessage(0);
    });
  const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
  const settle = async () => {
    await nextFrame();
    await nextFrame();
  };
  async function timed(kind: Sample["kind"], act: () => void): Promise<Sample> {
    await settle();
    performance.clearMeasures("designer:derive");
    // The first DOM mutation after the event marks the commit; a posted message stands in when nothing changed.
    const committed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      void afterMacrotask().then(() => {
        observer.disconnect();
        resolve(performance.now());
      });
    });
    const t0 = performance.now();
    performance.mark(`op:${kind}:start`);
    act();
    const tc = await committed;
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    const t1 = performance.now();
    const frameStart = await nextFrame();
    await afterMacrotask();
    const frameEnd = performance.now();
    performance.mark(`op:${kind}:end`);
    const deriveMs = performance.getEntriesByName("designer:derive").reduce((sum, e) => sum + e.duration, 0);
    return {
      kind,
      scriptMs: tc - t0,
      layoutMs: t1 - tc,
      renderMs: frameEnd - frameStart,
      deriveMs,
      toFrameMs: frameEnd - t0,
    };
  }
  const samples: Sample[] = [];
  const band = () => document.querySelector<HTMLElement>(`[data-band="${CSS.escape(instanceId)}"]`)!;
  // Open the instance (click on its block) so the side panel has its form.
  const b0 = band().getBoundingClientRect();
  band().dispatchEvent(
    new PointerEvent("pointerdown", { bubbles: true, button: 0, clientX: b0.left + 4, clientY: b0.top + 4 }),
  );
  window.dispatchEvent(
    new PointerEvent("pointerup", { bubbles: true, button: 0, clientX: b0.left + 4, clientY: b0.top + 4 }),
  );
  await settle();
  const input = [...document.querySelectorAll<HTMLInputElement>("input")].find(
    (i) => i.labels?.[0]?.textContent === "gpu_memory_utilization",
  )!;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  for (let k = 0; edits && k < runs; k++) {
    samples.push(
      await timed("edit", () => {
        setValue.call(input, String(0.5 + (k % 8) * 0.05));
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }),
    );
  }
  // Drag the block back and forth along its row: each pointermove over a new cell updates the drop preview; pointerup drops it.
  for (let k = 0; k < runs; k++) {
    const el = band();
    el.scrollIntoView({ block: "center" });
    await settle();
    const host = el.closest<HTMLElement>("[data-cell]")!.dataset.host!;
    const cells = [...document.querySelectorAll<HTMLElement>(`[data-cell][data-host="${CSS.escape(host)}"]`)];
    const start = el.getBoundingClientRect();
    const from = Number(el.closest<HTMLElement>("[data-cell]")!.dataset.col);
    const to = from === 0 ? cells.length - 1 : 0;
    const target = cells[to]!.getBoundingClientRect();
    const mid = cells[Math.floor((from + to) / 2)]!.getBoundingClientRect();
    el.dispatchEvent(
      new PointerEvent("pointerdown", { bubbles: true, button: 0, clientX: start.left + 4, clientY: start.top + 4 }),
    );
    samples.push(
      await timed("drag-step", () =>
        window.dispatchEvent(new PointerEvent("pointermove", { clientX: mid.left + 8, clientY: mid.top + 8 })),
      ),
    );
    window.dispatchEvent(new PointerEvent("pointermove", { clientX: target.left + 8, clientY: target.top + 8 }));
    samples.push(
      await timed("drop", () =>
        window.dispatchEvent(
          new PointerEvent("pointerup", { button: 0, clientX: target.left + 8, clientY: target.top + 8 }),
        ),
      ),
    );
  }
  return samples;
}
