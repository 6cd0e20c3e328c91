import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familiesArb } from "../exposition/exposition-arbitraries";
import { canonicalSeriesKey } from "../exposition/flat-labels";
import { formatExposition } from "../exposition/format-exposition";
import { parseExposition } from "../exposition/parse-exposition";
import { scanExposition } from "../exposition/scanner";
import { SeriesStore } from "./series-store";
import { TargetAppender } from "./target-appender";

describe("TargetAppender against the plain parser", () => {
  it("writes exactly what parseExposition reads, scrape after scrape, whatever changes between scrapes (300 cases)", () => {
    const scrapes = fc.array(fc.oneof(familiesArb("prometheus-text"), familiesArb("openmetrics")), {
      minLength: 2,
      maxLength: 4,
    });
    fc.assert(
      fc.property(scrapes, fc.boolean(), (expositions, repeatFirst) => {
        const store = new SeriesStore();
        const appender = new TargetAppender(store, { fleetdeck_target: "t" });
        const bodies = expositions.map((families) => {
          const format = families.some(
            (f) => f.type === "unknown" || f.samples.some((s) => s.name.endsWith("_total") && f.type === "counter"),
          )
            ? "openmetrics"
            : "prometheus-text";
          return { format, text: formatExposition(families, format) } as const;
        });
        if (repeatFirst) bodies.push(bodies[0]!);
        bodies.forEach((body, k) => {
          appender.begin(1000 * (k + 1));
          scanExposition(body.text, body.format, appender);
          appender.commit();
        });
        const last = bodies[bodies.length - 1]!;
        const t = 1000 * bodies.length;
        for (const s of parseExposition(last.text, last.format).families.flatMap((f) => f.samples)) {
          if (s.timestampMs !== undefined) continue; // written at its own time, possibly out of order
          const labels = Object.fromEntries(
            Object.entries({ ...s.labels, fleetdeck_target: "t" }).filter(([, v]) => v !== ""),
          );
          const series = store.select(s.name, []).find((x) => x.key === canonicalSeriesKey(s.name, labels));
          expect(series, `${s.name} ${JSON.stringify(labels)}`).toBeDefined();
          const read = series!.read(t, t);
          expect(read.t[0]).toBe(t);
          expect(Object.is(read.v[0], s.value) || (Number.isNaN(read.v[0]!) && Number.isNaN(s.value))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
