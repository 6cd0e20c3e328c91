"use client";

import { CopyButton } from "./copy-button";
import { ReplicaStateBadge } from "./replica-state-badge";
import { useInstanceDetail } from "./use-instances";
import type { InstanceDetailOut } from "./wire-types";

const time = (iso: string) => iso.slice(0, 19).replace("T", " ");

/** The instance's replicas and their state history, polled once a second. */
export function InstanceLive({ initial }: { initial: InstanceDetailOut }) {
  const { data } = useInstanceDetail(initial);
  return (
    <>
      <section aria-labelledby="replicas-heading" className="mb-8">
        <h2 id="replicas-heading" className="mb-2 text-lg font-semibold">
          Replicas
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          <table className="min-w-full text-sm" aria-label="Replicas">
            <thead className="bg-slate-100 dark:bg-slate-900">
              <tr>
                {["#", "Host", "GPUs", "State", "Detail", "Endpoint", "Container"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.replicas.map((r) => (
                <tr key={r.replica} data-replica={r.replica}>
                  <td className="px-3 py-2">{r.replica}</td>
                  <td className="px-3 py-2">{r.hostName ?? "—"}</td>
                  <td className="px-3 py-2">{r.gpuIndices.join(", ")}</td>
                  <td className="px-3 py-2">
                    <ReplicaStateBadge state={r.state} exitCode={r.exitCode} />
                  </td>
                  <td className="max-w-md px-3 py-2 text-xs break-words text-slate-600 dark:text-slate-300">
                    {r.error ? `${r.error}${r.retryAt ? ` (retrying at ${time(r.retryAt)})` : ""}` : (r.detail ?? "")}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {r.endpoint ? (
                      <>
                        {r.endpoint}/v1
                        <CopyButton text={`${r.endpoint}/v1`} label={`Copy the endpoint of replica ${r.replica}`} />
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs" title={r.containerId ?? undefined}>
                    {r.containerId?.slice(0, 12) ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {Object.entries(data.logTails).map(([replica, tail]) =>
          tail ? (
            <details key={replica} className="mt-2 text-sm">
              <summary>
                Last {tail.length} log lines of replica {replica} before it exited
              </summary>
              <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-950 p-2 text-xs text-slate-100">
                {tail.join("\n")}
              </pre>
            </details>
          ) : null,
        )}
      </section>
      <section aria-labelledby="history-heading" className="mb-8">
        <h2 id="history-heading" className="mb-2 text-lg font-semibold">
          State history
        </h2>
        <ol
          aria-label="State history"
          className="max-h-72 overflow-auto rounded-lg border border-slate-200 text-sm dark:border-slate-800"
        >
          {data.events.map((e) => (
            <li
              key={`${e.at}-${e.replica}-${e.state}`}
              className="flex gap-3 border-b border-slate-100 px-3 py-1 dark:border-slate-800"
            >
              <time className="font-mono text-xs text-slate-500" dateTime={e.at}>
                {time(e.at)}
              </time>
              <span className="text-xs text-slate-500">#{e.replica}</span>
              <ReplicaStateBadge state={e.state} exitCode={e.exitCode} />
              <span className="truncate text-xs text-slate-600 dark:text-slate-300">{e.detail}</span>
            </li>
          ))}
          {data.events.length === 0 && <li className="px-3 py-2 text-slate-500">No transitions yet.</li>}
        </ol>
      </section>
    </>
  );
}
