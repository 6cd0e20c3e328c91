import { z } from "zod";

/** The bounds every load test stays in, whoever asks: in time, in requests, in concurrency. */
export const LOAD_TEST_LIMITS = {
  maxConcurrency: 64,
  maxDurationSeconds: 300,
  maxRequests: 5000,
  maxPromptTokens: 16_384,
  maxOutputTokens: 4096,
  /** One request may take at most this long before it counts as an error. */
  requestTimeoutMs: 120_000,
} as const;

const L = LOAD_TEST_LIMITS;
const whole = (field: string, min: number, max: number, what: string) =>
  z.coerce
    .number({ message: `${field} must be a number of ${what}` })
    .int(`${field} must be a whole number of ${what}`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max} (the load test limit)`);

/** What "Send test load" asks: flat, as a form sends it; every field bounded. */
export const loadTestParamsSchema = z
  .object({
    concurrency: whole("concurrency", 1, L.maxConcurrency, "requests in flight").default(4),
    /** synthetic: prompts of `promptTokens` tokens; builtin: a small fixed set of real questions. */
    promptKind: z
      .enum(["synthetic", "builtin"], { message: "promptKind must be synthetic or builtin" })
      .default("synthetic"),
    promptTokens: whole("promptTokens", 1, L.maxPromptTokens, "tokens").default(256),
    outputTokens: whole("outputTokens", 1, L.maxOutputTokens, "tokens").default(128),
    /** Stop after a time, or after a number of requests (and never past maxDurationSeconds). */
    stopKind: z
      .enum(["duration", "requests"], { message: "stopKind must be duration or requests" })
      .default("duration"),
    durationSeconds: whole("durationSeconds", 1, L.maxDurationSeconds, "seconds").default(30),
    requestCount: whole("requestCount", 1, L.maxRequests, "requests").default(100),
  })
  .strict();

export type LoadTestParams = z.infer<typeof loadTestParamsSchema>;
export type LoadTestParamsInput = z.input<typeof loadTestParamsSchema>;
