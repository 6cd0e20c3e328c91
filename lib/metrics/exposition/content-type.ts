import type { ExpositionFormat } from "./types";

/**
 * What the scraper asks for, as Prometheus 2.x does: OpenMetrics 1.0 first, then 0.0.1, then the text format,
 * then anything (which is parsed as the text format).
 */
export const SCRAPE_ACCEPT_HEADER =
  "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/** The format of a response by its Content-Type; like Prometheus, anything that is not OpenMetrics is read as the text format. */
export function formatFromContentType(contentType: string | null | undefined): ExpositionFormat {
  const mediaType = (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
  return mediaType === "application/openmetrics-text" ? "openmetrics" : "prometheus-text";
}

export const CONTENT_TYPE: Record<ExpositionFormat, string> = {
  "prometheus-text": "text/plain; version=0.0.4; charset=utf-8",
  openmetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8",
};
