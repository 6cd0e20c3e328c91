import { describe, expect, it } from "vitest";
import { checkLayout } from "./check-layout";
import { decodeLayout, encodeLayout } from "./codec";
import { placeInstances } from "./place";
import { budgetFits, slotMemoryBytes } from "./resolvers";
import { layoutSchema } from "../vocabulary/layout-schema";
import { TEMPLATES } from "./templates";
import { findGpu, findModel } from "../catalog";

describe("TEMPLATES", () => {
  it("has unique ids and every layout parses with layoutSchema", () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    for (const t of TEMPLATES) expect(layoutSchema.safeParse(t.layout).success).toBe(true);
  });

  it("uses catalog models and GPUs only", () => {
    for (const t of TEMPLATES) {
      for (const i of t.layout.instances) expect(findModel(i.model), `${t.id}: ${i.model}`).toBeDefined();
      for (const h of t.layout.hosts)
        for (const g of h.gpus) expect(findGpu(g.gpuId), `${t.id}: ${g.gpuId}`).toBeDefined();
    }
  });

  it("has the seed's three Qwen2.5-7B layouts on 4× RTX 4090D", () => {
    const seed = TEMPLATES.slice(0, 3).map((t) =>
      t.layout.instances.map((i) => `${i.model.split("/")[1]} tp${i.tp} ${i.limits.memoryBytes! / 2 ** 30}g`),
    );
    expect(seed).toEqual([
      ["Qwen2.5-7B-Instruct tp4 32g"],
      ["Qwen2.5-7B-Instruct-GPTQ-Int4 tp2 16g", "Qwen2.5-7B-Instruct-GPTQ-Int4 tp2 16g"],
      Array(4).fill("Qwen2.5-7B-Instruct-GPTQ-Int4 tp1 12g"),
    ]);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s: fits its GPUs with no findings", (_id, t) => {
    const { findings, budget } = checkLayout(t.layout);
    expect(findings).toEqual([]);
    expect(Object.values(budget.instances).every((b) => b.fits)).toBe(true);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    "%s: placement from scratch places every instance; the link round-trips",
    (_id, t) => {
      const { results } = placeInstances(t.layout, {
        policy: "binpack",
        only: "all",
        fits: budgetFits,
        gpuMemoryBytes: slotMemoryBytes,
      });
      expect(results.every((r) => r.placed)).toBe(true);
      expect(decodeLayout(encodeLayout(t.layout))).toEqual({ ok: true, layout: t.layout, fromVersion: 1 });
    },
  );
});
