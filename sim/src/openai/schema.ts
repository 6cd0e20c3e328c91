import { z } from "zod";

const positiveInt = z.number().int().positive();
const streamOptions = z
  .object({ include_usage: z.boolean().nullish(), continuous_usage_stats: z.boolean().nullish() })
  .nullish();

export const completionRequestSchema = z
  .object({
    model: z.string().nullish(),
    prompt: z.union([
      z.string(),
      z.array(z.string()).min(1),
      z.array(z.number().int()).min(1),
      z.array(z.array(z.number().int())).min(1),
    ]),
    max_tokens: positiveInt.nullish(),
    stream: z.boolean().nullish(),
    stream_options: streamOptions,
    ignore_eos: z.boolean().nullish(),
    n: z.literal(1).nullish(),
  })
  .passthrough();

const contentPart = z.object({ type: z.string(), text: z.string().optional() }).passthrough();

export const chatRequestSchema = z
  .object({
    model: z.string().nullish(),
    messages: z
      .array(
        z
          .object({ role: z.string(), content: z.union([z.string(), z.array(contentPart), z.null()]).optional() })
          .passthrough(),
      )
      .min(1),
    max_tokens: positiveInt.nullish(),
    max_completion_tokens: positiveInt.nullish(),
    stream: z.boolean().nullish(),
    stream_options: streamOptions,
    ignore_eos: z.boolean().nullish(),
    n: z.literal(1).nullish(),
  })
  .passthrough();

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** The first problem of a zod error, as "field: what is wrong". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const path = issue.path.join(".") || "body";
  return `${path}: ${issue.message}`;
}

export const messageText = (content: ChatRequest["messages"][number]["content"]): string =>
  typeof content === "string" ? content : (content ?? []).map((part) => part.text ?? "").join("");

/** The prompt as text (for deterministic output) and its token count. */
export function completionPrompt(
  prompt: CompletionRequest["prompt"],
  estimate: (text: string) => number,
): { text: string; tokens: number } {
  if (typeof prompt === "string") return { text: prompt, tokens: estimate(prompt) };
  const first = prompt[0];
  if (typeof first === "number") return { text: prompt.join(" "), tokens: prompt.length };
  if (Array.isArray(first)) return { text: first.join(" "), tokens: first.length };
  const text = (prompt as string[])[0] ?? "";
  return { text, tokens: estimate(text) };
}
