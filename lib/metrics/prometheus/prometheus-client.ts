import { z } from "zod";
import type { UnavailableReason } from "../query-schema";

export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 10_000;

/** Why Prometheus gave no answer, in words for people. */
export class PrometheusUnavailable extends Error {
  override readonly name = "PrometheusUnavailable";
  constructor(
    readonly reason: UnavailableReason,
    message: string,
  ) {
    super(message);
  }
}

const errorBody = z.object({ status: z.literal("error"), errorType: z.string(), error: z.string() });
const matrixBody = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.literal("matrix"),
    result: z.array(
      z.object({ metric: z.record(z.string(), z.string()), values: z.array(z.tuple([z.number(), z.string()])) }),
    ),
  }),
});
const vectorBody = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.literal("vector"),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })),
  }),
});
const targetsBody = z.object({
  status: z.literal("success"),
  data: z.object({
    activeTargets: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        scrapeUrl: z.string(),
        health: z.enum(["up", "down", "unknown"]),
        lastError: z.string(),
        lastScrape: z.string(),
        lastScrapeDuration: z.number(),
      }),
    ),
  }),
});

export type PrometheusMatrix = z.infer<typeof matrixBody>["data"]["result"];
export type PrometheusVector = z.infer<typeof vectorBody>["data"]["result"];
export type PrometheusTargets = z.infer<typeof targetsBody>["data"]["activeTargets"];

/** Prometheus's HTTP API (`/api/v1/query_range`, `/api/v1/targets`) with a timeout; every failure is a PrometheusUnavailable. */
export class PrometheusClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = DEFAULT_PROMETHEUS_TIMEOUT_MS,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  async queryRange(promql: string, startMs: number, endMs: number, stepMs: number): Promise<PrometheusMatrix> {
    const form = new URLSearchParams({
      query: promql,
      start: String(startMs / 1000),
      end: String(endMs / 1000),
      step: String(stepMs / 1000),
    });
    const body = await this.request("/api/v1/query_range", { method: "POST", body: form });
    return this.parse(matrixBody, body).data.result;
  }

  async queryInstant(promql: string, atMs: number): Promise<PrometheusVector> {
    const form = new URLSearchParams({ query: promql, time: String(atMs / 1000) });
    const body = await this.request("/api/v1/query", { method: "POST", body: form });
    return this.parse(vectorBody, body).data.result;
  }

  async activeTargets(): Promise<PrometheusTargets> {
    return this.parse(targetsBody, await this.request("/api/v1/targets?state=active", { method: "GET" })).data
      .activeTargets;
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      if ((e as Error).name === "TimeoutError")
        throw new PrometheusUnavailable(
          "prometheus-timeout",
          `Prometheus at ${this.baseUrl} did not answer within ${this.timeoutMs} ms`,
        );
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusUnavailable(
        "prometheus-unreachable",
        `Prometheus at ${this.baseUrl} is unreachable (${cause?.code ?? cause?.message ?? (e as Error).message})`,
      );
    }
    const text = await res.text().catch(() => "");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PrometheusUnavailable(
        "prometheus-bad-response",
        `Prometheus at ${this.baseUrl} answered HTTP ${res.status} with a body that is not JSON`,
      );
    }
    const err = errorBody.safeParse(json);
    if (err.success)
      throw new PrometheusUnavailable(
        "prometheus-error",
        `Prometheus refused the query (${err.data.errorType}): ${err.data.error}`,
      );
    if (!res.ok) throw new PrometheusUnavailable("prometheus-error", `Prometheus answered HTTP ${res.status}`);
    return json;
  }

  private parse<T>(schema: z.ZodType<T>, json: unknown): T {
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new PrometheusUnavailable(
        "prometheus-bad-response",
        `Prometheus at ${this.baseUrl} answered in an unexpected shape: ${parsed.error.issues[0]?.message}`,
      );
    return parsed.data;
  }
}
