import http from "node:http";
import https from "node:https";
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { SCRAPE_ACCEPT_HEADER } from "../exposition/content-type";

const gunzipAsync = promisify(gunzip);

/** Larger bodies are refused: a /metrics page of an engine or exporter is tens of kilobytes. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class ScrapeError extends Error {
  override readonly name = "ScrapeError";
}

export interface FetchedExposition {
  body: string;
  contentType: string | undefined;
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxFreeSockets: 1024 }),
  https: new https.Agent({ keepAlive: true, maxFreeSockets: 1024 }),
};

const HEADERS = { Accept: SCRAPE_ACCEPT_HEADER, "Accept-Encoding": "gzip", "User-Agent": "fleetdeck-scraper" };

/** A target's URL parsed once into request options (parsing a URL string on every request costs more than the request's parse). */
export interface ScrapeRequest {
  secure: boolean;
  options: http.RequestOptions;
}

export function scrapeRequest(url: string): ScrapeRequest {
  const u = new URL(url);
  const secure = u.protocol === "https:";
  const options: http.RequestOptions = {
    protocol: u.protocol,
    hostname: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port || (secure ? 443 : 80),
    path: u.pathname + u.search,
    headers: u.username
      ? {
          ...HEADERS,
          Authorization: `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString("base64")}`,
        }
      : HEADERS,
    agent: secure ? agents.https : agents.http,
  };
  return { secure, options };
}

/** GET with Prometheus's Accept header; the whole exchange, body included, is aborted after `timeoutMs`. */
export async function fetchExposition(request: ScrapeRequest, timeoutMs: number): Promise<FetchedExposition> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await get(request, controller.signal);
  } catch (e) {
    if (controller.signal.aborted) throw new ScrapeError(`timed out after ${timeoutMs} ms`);
    throw e instanceof ScrapeError ? e : new ScrapeError(describeNetworkError(e));
  } finally {
    clearTimeout(timer);
  }
}

function get({ secure, options }: ScrapeRequest, signal: AbortSignal): Promise<FetchedExposition> {
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).get({ ...options, signal }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new ScrapeError(`HTTP ${res.statusCode} ${res.statusMessage ?? ""}`.trim()));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy();
          reject(new ScrapeError(`body larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const contentType = res.headers["content-type"];
        if (res.headers["content-encoding"] === "gzip")
          gunzipAsync(raw).then((b) => resolve({ body: b.toString("utf8"), contentType }), reject);
        else resolve({ body: raw.toString("utf8"), contentType });
      });
    });
    req.on("error", reject);
  });
}

function describeNetworkError(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  if (err.code === "ECONNREFUSED") return `connection refused (${err.address ?? "?"}:${err.port ?? "?"})`;
  if (err.code === "ECONNRESET") return "connection reset by the target";
  if (err.code === "ENOTFOUND") return `host not found (${(err as { hostname?: string }).hostname ?? "?"})`;
  return err.message || String(e);
}
