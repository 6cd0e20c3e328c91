import { defineRoute } from "@/lib/api/define-route";
import { auditFilterSchema, toCsv } from "@/lib/audit/audit-filter";
import { flushAttemptAudit } from "@/lib/auth/attempt-audit";
import { listAuditEvents } from "@/lib/queries/audit/list-audit-events";

/** The audit log as CSV, with the page's filters (?q=&action=&actor=&from=&to=&limit=). */
export const GET = defineRoute({
  name: "audit.export",
  input: auditFilterSchema,
  readOnly: true,
  authorize: async () => {
    await flushAttemptAudit(); // before the read transaction: the open minute of sign-in attempts goes in too
    return { action: "audit.read", resource: { type: "global" } };
  },
  run: async (filter, { tx }) => ({ data: toCsv(await listAuditEvents(tx, filter)) }),
  respond: (csv) =>
    new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="fleetdeck-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    }),
});
