import { performance } from "node:perf_hooks";
import { formatFromContentType } from "../exposition/content-type";
import { ExpositionParseError } from "../exposition/parse-error";
import { scanExposition } from "../exposition/scanner";
import type { TargetAppender } from "../store/target-appender";
import { fetchExposition, ScrapeError, type ScrapeRequest } from "./fetch-exposition";
import type { ScrapeTarget } from "./scrape-target";
import type { TargetState } from "./target-state";

/**
 * One scrape of one target: fetch, parse into the store (all or nothing), write `up`, `scrape_duration_seconds`
 * and `scrape_samples_scraped` as Prometheus does, and update the target's state.
 */
export async function scrapeOnce(
  target: ScrapeTarget,
  request: ScrapeRequest,
  appender: TargetAppender,
  state: TargetState,
  startMs: number,
): Promise<void> {
  const t0 = performance.now();
  appender.begin(startMs);
  state.lastScrapeMs = startMs;
  state.scrapes += 1;
  try {
    const { body, contentType } = await fetchExposition(request, target.timeoutMs);
    const format = formatFromContentType(contentType);
    scanExposition(body, format, appender);
    const counts = appender.commit();
    state.lastDurationMs = performance.now() - t0;
    Object.assign(state, {
      health: "up",
      lastSamples: counts.samples,
      lastDuplicates: counts.duplicates,
      lastFormat: format,
      lastError: null,
      downSinceMs: null,
    });
    appender.writeOwn("up", 1);
    appender.writeOwn("scrape_samples_scraped", counts.series + counts.duplicates);
  } catch (e) {
    appender.fail();
    state.lastDurationMs = performance.now() - t0;
    state.failures += 1;
    state.health = "down";
    state.lastError = describeScrapeError(e);
    state.downSinceMs ??= startMs;
    appender.writeOwn("up", 0);
  }
  appender.writeOwn("scrape_duration_seconds", state.lastDurationMs / 1000);
}

function describeScrapeError(e: unknown): string {
  if (e instanceof ExpositionParseError) return `unparsable metrics: ${e.message}`;
  if (e instanceof ScrapeError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
