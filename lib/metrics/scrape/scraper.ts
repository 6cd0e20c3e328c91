import type { SeriesStore } from "../store/series-store";
import { TargetAppender } from "../store/target-appender";
import { TARGET_LABEL } from "../target-labels";
import { scrapeRequest, type ScrapeRequest } from "./fetch-exposition";
import { scrapeOffsetMs } from "./scrape-offset";
import { scrapeOnce } from "./scrape-once";
import { scrapeTargetSchema, type ScrapeTarget } from "./scrape-target";
import { Semaphore } from "./semaphore";
import type { TargetState } from "./target-state";

export const DEFAULT_SCRAPE_INTERVAL_MS = 5000;
/** In-flight scrapes at most. With every timeout ≤ the interval, a target waits for a slot only while 256 others are slow at once. */
export const DEFAULT_MAX_CONCURRENT = 256;

export interface ScraperOptions {
  store: SeriesStore;
  /** The current targets; read again every interval (the runtime's instances and exporters). */
  targets: () => readonly unknown[] | Promise<readonly unknown[]>;
  intervalMs?: number;
  maxConcurrent?: number;
  now?: () => number;
}

interface Loop {
  target: ScrapeTarget;
  request: ScrapeRequest;
  signature: string;
  appender: TargetAppender;
  state: TargetState;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
}

/**
 * The embedded scraper: each target on its own timer at a stable offset in the interval, so a slow or dead
 * target (bounded by its own timeout) never delays another; a scrape still running when the next is due is
 * skipped, not queued.
 */
export class Scraper {
  readonly intervalMs: number;
  private readonly loops = new Map<string, Loop>();
  private readonly slots: Semaphore;
  private readonly now: () => number;
  private syncTimer: NodeJS.Timeout | null = null;
  private running = false;
  /** Targets the provider returned that failed validation, with the reason. */
  invalidTargets: { target: unknown; error: string }[] = [];
  lastProviderError: string | null = null;

  constructor(private readonly options: ScraperOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
    this.slots = new Semaphore(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.syncTargets();
    this.syncTimer = setInterval(() => void this.syncTargets(), this.intervalMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.syncTimer) clearInterval(this.syncTimer);
    for (const loop of this.loops.values()) if (loop.timer) clearTimeout(loop.timer);
    await Promise.all([...this.loops.values()].map((l) => l.inFlight));
  }

  states(): TargetState[] {
    return [...this.loops.values()].map((l) => ({ ...l.state, labels: { ...l.state.labels } }));
  }

  /** Reads the targets again: new ones start, removed ones stop (their series are marked stale), changed ones restart. */
  async syncTargets(): Promise<void> {
    let raw: readonly unknown[];
    try {
      raw = await this.options.targets();
      this.lastProviderError = null;
    } catch (e) {
      this.lastProviderError = e instanceof Error ? e.message : String(e);
      return;
    }
    const wanted = new Map<string, ScrapeTarget>();
    this.invalidTargets = [];
    for (const candidate of raw) {
      const parsed = scrapeTargetSchema.safeParse(candidate);
      if (parsed.success) wanted.set(parsed.data.id, parsed.data);
      else
        this.invalidTargets.push({
          target: candidate,
          error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        });
    }
    for (const [id, loop] of this.loops) {
      const next = wanted.get(id);
      if (!next || JSON.stringify(next) !== loop.signature) this.remove(id);
    }
    for (const target of wanted.values()) if (!this.loops.has(target.id)) this.add(target);
  }

  /** Scrapes every target once now and waits (for tests and for a first picture at start-up). */
  async scrapeAll(): Promise<void> {
    await Promise.all([...this.loops.values()].map((loop) => this.run(loop)));
  }

  private add(target: ScrapeTarget): void {
    const labels = { ...target.labels, [TARGET_LABEL.target]: target.id, [TARGET_LABEL.kind]: target.kind };
    const loop: Loop = {
      target,
      request: scrapeRequest(target.url),
      signature: JSON.stringify(target),
      appender: new TargetAppender(this.options.store, labels),
      state: {
        id: target.id,
        url: target.url,
        kind: target.kind,
        labels,
        health: "unknown",
        lastScrapeMs: null,
        lastDurationMs: null,
        lastSamples: 0,
        lastDuplicates: 0,
        lastFormat: null,
        lastError: null,
        downSinceMs: null,
        scrapes: 0,
        failures: 0,
        skipped: 0,
      },
      timer: null,
      inFlight: null,
    };
    this.loops.set(target.id, loop);
    if (this.running) this.schedule(loop);
  }

  private remove(id: string): void {
    const loop = this.loops.get(id)!;
    if (loop.timer) clearTimeout(loop.timer);
    this.loops.delete(id);
    const endSeries = () => {
      loop.appender.begin(this.now());
      loop.appender.fail();
    };
    // a scrape still running would write after the staleness markers: mark them once it is done
    if (loop.inFlight) void loop.inFlight.then(endSeries);
    else endSeries();
  }

  private schedule(loop: Loop): void {
    const now = this.now();
    const offset = scrapeOffsetMs(loop.target.id, this.intervalMs);
    const next = Math.floor((now - offset) / this.intervalMs) * this.intervalMs + offset + this.intervalMs;
    loop.timer = setTimeout(() => {
      if (!this.running || this.loops.get(loop.target.id) !== loop) return;
      void this.run(loop);
      this.schedule(loop);
    }, next - now);
  }

  private run(loop: Loop): Promise<void> {
    if (loop.inFlight) {
      loop.state.skipped += 1;
      return loop.inFlight;
    }
    loop.inFlight = (async () => {
      await this.slots.acquire();
      try {
        await scrapeOnce(loop.target, loop.request, loop.appender, loop.state, this.now());
      } finally {
        this.slots.release();
        this.options.store.enforceLimits();
        loop.inFlight = null;
      }
    })();
    return loop.inFlight;
  }
}
