"use client";

import { useQueryClient } from "@tanstack/react-query";
import { formatCount } from "@/lib/format";
import { stopLoadTest } from "@/lib/actions/load-tests/stop-load-test";
import type { LoadTestRunView } from "@/lib/metrics/load-test/load-test-run-view";
import { buttonClass } from "../ui/buttons";
import { FormError } from "../ui/field";
import { useAction } from "../ui/use-action";
import { useLoadTestRuns } from "./use-load-test-runs";
import { useMetricsUrlState } from "./url-state";

const ms = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

function Progress({ run }: { run: LoadTestRunView }) {
  const p = run.progress;
  if (!p) return <span>starting…</span>;
  const bound =
    run.params.stopKind === "duration"
      ? Math.min(1, p.elapsedMs / (run.params.durationSeconds * 1000))
      : Math.min(1, (p.succeeded + p.failed) / run.params.requestCount);
  return (
    <div data-testid="load-test-progress">
      <progress max={1} value={bound} className="w-32" aria-label="Load test progress" />
      <span className="ml-2 text-xs tabular-nums">
        {p.succeeded + p.failed} done, {p.inFlight} in flight, {formatCount(p.recentOutputTokensPerSecond)} tok/s
      </span>
    </div>
  );
}

/** The runs of an instance (or of the fleet): live progress, results, and a box to add a run to the comparison. */
export function LoadTestRuns({ instanceId, mayStop }: { instanceId: string | null; mayStop: boolean }) {
  const runs = useLoadTestRuns({ instanceId });
  const [state, setState] = useMetricsUrlState();
  const stop = useAction(stopLoadTest, { refresh: false });
  const queries = useQueryClient();
  const toggle = (id: string) =>
    void setState({
      compare: state.compare.includes(id) ? state.compare.filter((c) => c !== id) : [...state.compare, id],
    });
  const rows = runs.data ?? [];
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-600">No load test has been run{instanceId ? " on this instance" : ""} yet.</p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <FormError message={stop.error} />
      <table className="min-w-full text-sm" aria-label="Load test runs">
        <thead className="bg-slate-100 text-left dark:bg-slate-900">
          <tr>
            {[
              "Compare",
              "Run",
              "Status",
              "Load",
              "Req/s",
              "Output tok/s",
              "TTFT p50 / p99",
              "ITL p50 / p99",
              "E2E p50 / p99",
              "Errors",
            ].map((h) => (
              <th key={h} scope="col" className="px-2 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const x = r.results;
            return (
              <tr
                key={r.id}
                data-testid="load-test-run"
                data-status={r.status}
                className="border-t border-slate-100 dark:border-slate-800"
              >
                <td className="px-2 py-1.5">
                  <input
                    type="checkbox"
                    aria-label={`Compare run ${r.label || r.id.slice(0, 8)}`}
                    checked={state.compare.includes(r.id)}
                    onChange={() => toggle(r.id)}
                  />
                </td>
                <td className="px-2 py-1.5">
                  <span className="font-medium">{r.label || r.target?.instanceKey || r.id.slice(0, 8)}</span>
                  <span className="block text-xs text-slate-500">
                    {r.target ? `${r.target.layoutName} / ${r.target.instanceKey}, TP ${r.target.tp}` : ""} ·{" "}
                    {new Date(r.startedAt).toLocaleString()} · {r.startedByLabel}
                  </span>
                </td>
                <td className="px-2 py-1.5">
                  {r.status === "running" ? <Progress run={r} /> : r.status}
                  {r.status === "running" && mayStop && (
                    <button
                      type="button"
                      className={`${buttonClass} ml-2`}
                      onClick={() =>
                        stop.run({ runId: r.id }, () => void queries.invalidateQueries({ queryKey: ["load-tests"] }))
                      }
                    >
                      Stop
                    </button>
                  )}
                  {r.error && <span className="block text-xs text-red-700">{r.error}</span>}
                </td>
                <td className="px-2 py-1.5 text-xs">
                  {r.params.concurrency} at once,{" "}
                  {r.params.promptKind === "builtin" ? "built-in prompts" : `${r.params.promptTokens} → `}
                  {r.params.outputTokens} tokens,{" "}
                  {r.params.stopKind === "duration"
                    ? `${r.params.durationSeconds} s`
                    : `${r.params.requestCount} requests`}
                </td>
                <td className="px-2 py-1.5 tabular-nums" data-testid="result-rps">
                  {x ? x.requestsPerSecond.toFixed(2) : "—"}
                </td>
                <td className="px-2 py-1.5 tabular-nums" data-testid="result-tps">
                  {x ? formatCount(x.outputTokensPerSecond) : "—"}
                </td>
                <td className="px-2 py-1.5 tabular-nums">{x ? `${ms(x.ttftMs.p50)} / ${ms(x.ttftMs.p99)}` : "—"}</td>
                <td className="px-2 py-1.5 tabular-nums">{x ? `${ms(x.itlMs.p50)} / ${ms(x.itlMs.p99)}` : "—"}</td>
                <td className="px-2 py-1.5 tabular-nums">{x ? `${ms(x.e2eMs.p50)} / ${ms(x.e2eMs.p99)}` : "—"}</td>
                <td
                  className="px-2 py-1.5 tabular-nums"
                  title={x?.errors.map((e) => `${e.count}× ${e.message}`).join("\n")}
                >
                  {x ? `${x.failed} of ${x.requests}` : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
