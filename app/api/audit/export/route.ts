import { defineRoute } from "@/lib/api/define-route";
import { auditFilterSchema, auditWhere, toCsv } from "@/lib/audit/audit-filter";

/** The audit log as CSV, with the page's filters (?q=&action=&actor=&from=&to=&limit=). */
export const GET = defineRoute({
  name: "audit.export",
  input: auditFilterSchema,
  readOnly: true,
  authorize: () => ({ action: "audit.read", resource: { type: "global" } }),
  run: async (filter, { tx }) => {
    const rows = await tx.auditEvent.findMany({
      where: auditWhere(filter),
      orderBy: { at: "desc" },
      take: filter.limit,
    });
    return { data: toCsv(rows) };
  },
  respond: (csv) =>
    new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="fleetdeck-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    }),
});
