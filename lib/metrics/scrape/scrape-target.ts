import { z } from "zod";
import { TARGET_KINDS } from "../target-labels";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const scrapeTargetSchema = z.object({
  id: z.string().min(1, "target id must not be empty"),
  url: z.url({
    protocol: /^https?$/,
    error: "target url must be an http:// or https:// URL (e.g. http://10.0.0.5:8000/metrics)",
  }),
  labels: z.record(
    z
      .string()
      .regex(LABEL_NAME, "target label names must match [a-zA-Z_][a-zA-Z0-9_]* (Prometheus label names)")
      .refine((n) => !n.startsWith("__"), "target label names must not start with __ (reserved by Prometheus)"),
    z.string(),
  ),
  kind: z.enum(TARGET_KINDS, { error: `target kind must be one of ${TARGET_KINDS.join(", ")}` }),
  timeoutMs: z
    .number()
    .int()
    .min(100, "target timeoutMs must be at least 100")
    .max(60_000, "target timeoutMs must be at most 60000"),
});

export type ScrapeTarget = z.infer<typeof scrapeTargetSchema>;
