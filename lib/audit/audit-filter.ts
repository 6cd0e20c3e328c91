import { z } from "zod";

/** The audit page's filters (also the CSV export's query string). */
export const auditFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(10_000).default(200).catch(200),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

function contains(value: string) {
  return { contains: value };
}

/** The Prisma `where` for a filter (contains-match; SQLite compares ASCII case-insensitively with LIKE). */
export function auditWhere(f: AuditFilter) {
  const and: Record<string, unknown>[] = [];
  if (f.action) and.push({ action: f.action });
  if (f.actor) and.push({ actorLabel: contains(f.actor) });
  if (f.from) and.push({ at: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ at: { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } });
  if (f.q)
    and.push({
      OR: ["actorLabel", "action", "targetType", "targetId", "targetLabel", "ip", "after", "before"].map((k) => ({
        [k]: contains(f.q!),
      })),
    });
  return and.length ? { AND: and } : {};
}

const CSV_COLUMNS = [
  "at",
  "actorLabel",
  "actorId",
  "ip",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "targetLabel",
  "before",
  "after",
] as const;

/**
 * No formula runs when the file is opened in a spreadsheet: a cell that starts with = + - @ (or a tab or CR), and
 * every = + - @ that follows a separator inside a cell ("," ";" tab "|" or a line break, as locales split rows
 * differently), gets a ' in front; cells with a separator or quote are quoted.
 */
function cell(v: unknown): string {
  const s = v instanceof Date ? v.toISOString() : v == null ? "" : String(v);
  const start = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  const safe = start.replace(/([,;\t|\r\n]\s*)([=+\-@])/g, "$1'$2");
  return /[",;\t\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Partial<Record<(typeof CSV_COLUMNS)[number], unknown>>[]): string {
  return `${[CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(","))].join("\r\n")}\r\n`;
}
