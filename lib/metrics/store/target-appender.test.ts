import { describe, expect, it } from "vitest";
import { scanExposition } from "../exposition/scanner";
import { ExpositionParseError } from "../exposition/parse-error";
import { SeriesStore } from "./series-store";
import { TargetAppender } from "./target-appender";

function scrape(appender: TargetAppender, t: number, body: string) {
  appender.begin(t);
  try {
    scanExposition(body, "prometheus-text", appender);
  } catch (e) {
    if (!(e instanceof ExpositionParseError)) throw e;
    appender.fail();
    return undefined;
  }
  return appender.commit();
}

describe("TargetAppender", () => {
  const target = { fleetdeck_target: "t1", instance: "inst-a" };

  it("adds the target labels and keeps a clashing exposed label as exported_<name>", () => {
    const store = new SeriesStore();
    scrape(new TargetAppender(store, target), 1000, 'up_like{instance="10.0.0.1:8000",x="1"} 1\n');
    const [s] = store.select("up_like", []);
    expect(s!.labels).toEqual({
      fleetdeck_target: "t1",
      instance: "inst-a",
      exported_instance: "10.0.0.1:8000",
      x: "1",
    });
  });

  it("keeps the first sample of a series written twice in one scrape and counts the duplicate", () => {
    const store = new SeriesStore();
    const counts = scrape(new TargetAppender(store, target), 1000, 'a{x="1"} 1\na{x="1"} 2\na{ x="1" } 3\n');
    expect(counts).toMatchObject({ samples: 1, duplicates: 2, series: 1 });
    expect(Array.from(store.select("a", [])[0]!.read(0, 2000).v)).toEqual([1]);
  });

  it("marks a series that disappears from the next scrape as stale", () => {
    const store = new SeriesStore();
    const appender = new TargetAppender(store, target);
    scrape(appender, 1000, "a 1\nb 1\n");
    scrape(appender, 2000, "a 2\n");
    const b = store.select("b", [])[0]!;
    expect(b.lastStale).toBe(true);
    expect(b.read(0, 3000).stale?.[1]).toBe(1);
    expect(store.select("a", [])[0]!.lastStale).toBe(false);
  });

  it("writes nothing of a scrape that fails to parse and marks the last good series stale", () => {
    const store = new SeriesStore();
    const appender = new TargetAppender(store, target);
    scrape(appender, 1000, "a 1\n");
    expect(scrape(appender, 2000, "a 2\nb{ 3\n")).toBeUndefined();
    const a = store.select("a", [])[0]!;
    expect(Array.from(a.read(0, 3000).t)).toEqual([1000, 2000]);
    expect(a.lastStale).toBe(true);
    expect(store.stats().samples).toBe(2);
  });

  it("follows a target whose lines change order, gain labels or differ only after the name", () => {
    const store = new SeriesStore();
    const appender = new TargetAppender(store, target);
    scrape(appender, 1000, 'a 1\nb{x="1"} 1\nc 1\n');
    scrape(appender, 2000, 'a {x="1"} 2\nc 2\nb{x="1"} 2\na 2\n');
    const values = (name: string, labels: Record<string, string>) =>
      Array.from(
        store
          .select(name, [])
          .find((s) => s.labels.x === labels.x)!
          .read(0, 3000).v,
      );
    expect(values("a", {})).toEqual([1, 2]);
    expect(values("a", { x: "1" })).toEqual([2]);
    expect(values("b", { x: "1" })).toEqual([1, 2]);
    expect(values("c", {})).toEqual([1, 2]);
  });

  it("reuses cached series across scrapes without rebuilding them", () => {
    const store = new SeriesStore();
    const appender = new TargetAppender(store, target);
    scrape(appender, 1000, 'a{x="1"} 1\n');
    const first = store.select("a", [])[0];
    scrape(appender, 2000, 'a{x="1"} 2\n');
    expect(store.select("a", [])).toEqual([first]);
    expect(store.stats()).toMatchObject({ series: 1, samples: 2 });
  });
});
