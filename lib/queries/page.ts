/**
 * Keyset pages for API lists: `limit` rows after the row with id `after`, in the list's fixed order (ties broken
 * by id). One extra row is read to know whether another page follows.
 */
export interface PageRequest {
  limit: number;
  after?: string;
}

export interface PageOf<T> {
  items: T[];
  /** The id of the last row when more follow, else null. */
  lastId: string | null;
}

export function pageArgs(page: PageRequest | undefined) {
  if (!page) return {};
  return { take: page.limit + 1, ...(page.after ? { cursor: { id: page.after }, skip: 1 } : {}) };
}

export function pageOf<T extends { id: string }>(rows: T[], page: PageRequest | undefined): PageOf<T> {
  if (!page || rows.length <= page.limit) return { items: rows, lastId: null };
  const items = rows.slice(0, page.limit);
  return { items, lastId: items.at(-1)!.id };
}
