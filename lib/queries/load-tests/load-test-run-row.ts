import { z } from "zod";
import { type LoadTestRunView, loadTestTargetSchema } from "../../metrics/load-test/load-test-run-view";
import { loadTestParamsSchema } from "../../metrics/load-test/load-test-params";
import { loadTestResultSchema } from "../../metrics/load-test/load-test-result";

const json = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export interface LoadTestRunRecord {
  id: string;
  instanceId: string;
  revisionId: string;
  replica: number;
  label: string;
  target: string;
  params: string;
  status: string;
  results: string | null;
  error: string | null;
  startedByLabel: string;
  startedAt: Date;
  finishedAt: Date | null;
}

const STATUSES = ["running", "finished", "failed", "cancelled"] as const;

/** A stored run as the page and the API read it (JSON columns parsed; unreadable ones become null). */
export function runViewOf(r: LoadTestRunRecord): Omit<LoadTestRunView, "progress"> {
  return {
    id: r.id,
    instanceId: r.instanceId,
    revisionId: r.revisionId,
    replica: r.replica,
    label: r.label,
    target: loadTestTargetSchema.nullable().catch(null).parse(json(r.target)),
    params: loadTestParamsSchema.catch(loadTestParamsSchema.parse({})).parse(json(r.params)),
    status: z.enum(STATUSES).catch("failed").parse(r.status),
    results: loadTestResultSchema.nullable().catch(null).parse(json(r.results)),
    error: r.error,
    startedByLabel: r.startedByLabel,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
