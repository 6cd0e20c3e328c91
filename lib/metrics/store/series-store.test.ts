import { describe, expect, it } from "vitest";
import { BYTES_PER_SAMPLE, CHUNK_MAX_SAMPLES } from "./chunk";
import { compileMatcher } from "./matchers";
import { SeriesStore } from "./series-store";

const MIN = 60_000;
const clock = (start = 1_000_000_000_000) => {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t) };
};

describe("SeriesStore", () => {
  it("stores samples in typed-array chunks and reads a time range back", () => {
    const store = new SeriesStore();
    const s = store.seriesFor("x", { a: "1" });
    for (let i = 0; i < 300; i++) store.append(s, 1000 + i * 5000, i);
    expect(s.chunks.length).toBe(Math.ceil(300 / CHUNK_MAX_SAMPLES));
    expect(s.chunks[0]!.values).toBeInstanceOf(Float64Array);
    const r = s.read(1000 + 10 * 5000, 1000 + 12 * 5000);
    expect(Array.from(r.v)).toEqual([10, 11, 12]);
    expect(store.stats()).toMatchObject({ series: 1, samples: 300, chunks: 3 });
  });

  it("treats an empty label value as absent, as Prometheus does", () => {
    const store = new SeriesStore();
    expect(store.seriesFor("x", { a: "" })).toBe(store.seriesFor("x", {}));
  });

  it("drops out-of-order samples, ignores an identical repeat, and counts the drops", () => {
    const store = new SeriesStore();
    const s = store.seriesFor("x", {});
    expect(store.append(s, 2000, 1)).toBe(true);
    expect(store.append(s, 2000, 1)).toBe(true);
    expect(store.append(s, 1000, 5)).toBe(false);
    expect(store.append(s, 2000, 7)).toBe(false);
    expect(store.stats()).toMatchObject({ samples: 1, outOfOrderSamples: 2 });
  });

  it("selects by name and label matchers, regexes anchored", () => {
    const store = new SeriesStore();
    store.seriesFor("n", { device: "eth0" });
    store.seriesFor("n", { device: "lo" });
    store.seriesFor("n", { device: "veth12" });
    const picked = store.select("n", [compileMatcher({ label: "device", op: "!~", value: "lo|veth.*" })]);
    expect(picked.map((s) => s.labels.device)).toEqual(["eth0"]);
    expect(store.select("n", [compileMatcher({ label: "device", op: "=~", value: "eth" })])).toEqual([]);
  });

  it("drops chunks older than the retention and forgets series left empty", () => {
    const c = clock();
    const store = new SeriesStore({ retentionMs: 10 * MIN }, c.now);
    const old = store.seriesFor("old", {});
    const live = store.seriesFor("live", {});
    const t0 = c.now();
    for (let i = 0; i < 200; i++) store.append(old, t0 + i * 1000, i); // 200 s, two chunks
    for (let i = 0; i < 1200; i++) store.append(live, t0 + i * 1000, i); // 20 min
    c.set(t0 + 20 * MIN);
    store.enforceLimits();
    expect(old.deleted).toBe(true);
    const stats = store.stats();
    expect(stats.series).toBe(1);
    expect(stats.oldestSampleMs).toBeGreaterThanOrEqual(t0 + 10 * MIN - CHUNK_MAX_SAMPLES * 1000);
    expect(live.read(0, Infinity).t[0]).toBeGreaterThanOrEqual(t0 + 10 * MIN - CHUNK_MAX_SAMPLES * 1000);
    expect(stats.evictedSamples + stats.samples).toBe(1400);
  });

  it("keeps its memory under the cap: stale series go first, then the oldest samples", () => {
    const c = clock();
    const maxBytes = 1024 * 1024;
    const store = new SeriesStore({ maxBytes, retentionMs: 24 * 60 * MIN }, c.now);
    const t0 = c.now();
    const gone = Array.from({ length: 20 }, (_, i) => store.seriesFor("gone", { i: String(i) }));
    for (const s of gone) for (let k = 0; k < 100; k++) store.append(s, t0 + k * 1000, k);
    for (const s of gone) store.appendStale(s, t0 + 100_000);
    const live = Array.from({ length: 50 }, (_, i) => store.seriesFor("live", { i: String(i) }));
    let t = t0 + 101_000;
    for (let k = 0; k < 3000; k++, t += 1000) {
      c.set(t);
      for (const s of live) store.append(s, t, k);
      store.enforceLimits();
      expect(store.stats().bytes).toBeLessThanOrEqual(maxBytes + live.length * 128 * BYTES_PER_SAMPLE);
    }
    const stats = store.stats();
    expect(gone.every((s) => s.deleted)).toBe(true);
    expect(live.every((s) => !s.deleted)).toBe(true);
    expect(stats.capEvictions).toBeGreaterThan(0);
    expect(stats.evictedSamples).toBeGreaterThan(20 * 100);
    expect(live[0]!.read(0, Infinity).t[0]).toBeGreaterThan(t0 + 101_000);
    expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
  });

  it("rejects a bad configuration with the field, the value and the limit", () => {
    expect(() => new SeriesStore({ maxBytes: 1000 })).toThrow(/maxBytes must be at least 1048576/);
    expect(() => new SeriesStore({ retentionMs: 5 })).toThrow(/retentionMs must be at least 60000/);
  });
});
