import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { flushAttemptAudit } from "@/lib/auth/attempt-audit";
import { authorizedRead } from "@/lib/auth/authorize";
import { auditFilterSchema } from "@/lib/audit/audit-filter";
import { listAuditActions } from "@/lib/queries/audit/list-audit-actions";
import { auditTargetNames } from "@/lib/queries/audit/audit-target-names";
import { type AuditRow, listAuditEvents } from "@/lib/queries/audit/list-audit-events";

export const metadata: Metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

const OUTCOME: Record<string, string> = { ok: "done", refused: "refused", invalid: "invalid input" };

/** The target by name, its type and id on hover (ids are for machines; the CSV export keeps them). */
function Target({ row, names }: { row: AuditRow; names: Map<string, string> }) {
  const name = row.targetLabel ?? (row.targetId ? names.get(`${row.targetType}:${row.targetId}`) : undefined);
  const type = row.targetType.replace("_", " ");
  if (!row.targetId) return <>{type}</>;
  return (
    <span title={`${row.targetType} ${row.targetId}`}>
      {type} <span className="font-medium">{name ?? row.targetId}</span>
    </span>
  );
}

function Change({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return <span className="text-slate-400">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-xs">details</summary>
      {before && <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">before: {before}</pre>}
      {after && <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">after: {after}</pre>}
    </details>
  );
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = auditFilterSchema.parse(await searchParams);
  await flushAttemptAudit();
  const [[events, names], actions] = await Promise.all([
    authorizedRead("audit.read", { type: "global" }, async (client) => {
      const rows = await listAuditEvents(client, filter);
      return [rows, await auditTargetNames(client, rows)] as const;
    }),
    authorizedRead("audit.read", { type: "global" }, listAuditActions),
  ]);
  return (
    <>
      <PageHeader title="Audit" description="Every change, who made it, when and from where. Append-only." />
      <AuditFilters filter={filter} actions={actions} />
      {events.length === 0 ? (
        <EmptyState title="No events match">
          Sign-ins, layout saves and every applied change are recorded here.
        </EmptyState>
      ) : (
        <DataTable
          caption="Audit events"
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            {
              header: "When",
              cell: (e) => (
                <time dateTime={e.at.toISOString()}>{e.at.toISOString().replace("T", " ").slice(0, 19)}</time>
              ),
            },
            { header: "Who", cell: (e) => e.actorLabel },
            { header: "From", cell: (e) => e.ip ?? "—" },
            { header: "Action", cell: (e) => <code>{e.action}</code> },
            { header: "Target", cell: (e) => <Target row={e} names={names} /> },
            {
              header: "Result",
              cell: (e) => (
                <span className={e.outcome === "ok" ? undefined : "font-medium text-red-700 dark:text-red-400"}>
                  {OUTCOME[e.outcome] ?? e.outcome}
                </span>
              ),
            },
            { header: "Change", cell: (e) => <Change before={e.before} after={e.after} /> },
          ]}
        />
      )}
    </>
  );
}
