import { z } from "zod";
import type { PageOf, PageRequest } from "../queries/page";

/** Every /api/v1 list: ?limit= (1–1,000, default 100) and ?cursor= (the nextCursor of the previous page). */

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
const PREFIX = "v1.";

export function encodeCursor(lastId: string): string {
  return Buffer.from(`${PREFIX}${lastId}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX)) return null;
  const id = text.slice(PREFIX.length);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

export const pageInput = z.object({
  limit: z.coerce
    .number({ message: `give a whole number from 1 to ${MAX_PAGE.toLocaleString("en-US")}` })
    .int(`give a whole number from 1 to ${MAX_PAGE.toLocaleString("en-US")}`)
    .min(1, `give a whole number from 1 to ${MAX_PAGE.toLocaleString("en-US")}`)
    .max(MAX_PAGE, `at most ${MAX_PAGE.toLocaleString("en-US")} per page: follow nextCursor for the rest`)
    .default(DEFAULT_PAGE),
  cursor: z
    .string()
    .refine((c) => decodeCursor(c) !== null, "not a cursor from this API: send the nextCursor of the previous page")
    .optional(),
});

export function pageRequest(input: z.infer<typeof pageInput>): PageRequest {
  return { limit: input.limit, after: input.cursor ? (decodeCursor(input.cursor) ?? undefined) : undefined };
}

export function pageOut<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export function toPage<T, U>(page: PageOf<T>, map: (row: T) => U): { items: U[]; nextCursor: string | null } {
  return { items: page.items.map(map), nextCursor: page.lastId ? encodeCursor(page.lastId) : null };
}
