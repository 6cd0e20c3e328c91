import { z } from "zod";

/** Inputs of the user actions that only name a user; the API's OpenAPI document uses them for its path parameters. */
export const userIdInput = z.object({
  userId: z.string().min(1, "give the user's id (GET /api/v1/users lists them)").max(64),
});
