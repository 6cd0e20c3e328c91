import { z } from "zod";

/** Inputs of the streaming instance endpoints (logs, "try it"); the OpenAPI document describes them from here. */

/** GET /api/v1/instances/{instanceId}/logs: a replica's log as server-sent events (`line` events, JSON strings). */
export const instanceLogsInput = z.object({
  instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
  replica: z.coerce.number({ message: "replica is a replica number (0 is the first)" }).int().min(0).max(63).default(0),
  tail: z.coerce
    .number({ message: "tail is how many past lines to send first, 0–5000" })
    .int()
    .min(0)
    .max(5000)
    .default(200),
  follow: z
    .enum(["1", "0", "true", "false"], { message: "follow is 1 (keep the stream open for new lines) or 0" })
    .default("1")
    .transform((v) => v === "1" || v === "true"),
});

/** POST /api/v1/instances/{instanceId}/chat: one chat request to a healthy replica, its answer streamed back. */
export const instanceChatInput = z.object({
  instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
  replica: z.number({ message: "replica is a replica number (0 is the first)" }).int().min(0).max(63).default(0),
  message: z
    .string()
    .trim()
    .min(1, "message is empty: write what to ask the model")
    .max(4000, "message is over 4000 characters"),
  maxTokens: z.number({ message: "maxTokens is a whole number from 1 to 1024" }).int().min(1).max(1024).default(128),
});
