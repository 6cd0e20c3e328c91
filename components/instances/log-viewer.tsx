"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/buttons";

const MAX_LINES = 5_000;

/**
 * A replica's live log (server-sent events from /api/v1/instances/{id}/logs): follow keeps the newest line in view,
 * pause freezes the view (lines keep arriving and show on resume), search filters, download saves what arrived.
 */
export function LogViewer({
  instanceId,
  instanceKey,
  replicas,
}: {
  instanceId: string;
  instanceKey: string;
  replicas: number[];
}) {
  const [replica, setReplica] = useState(replicas[0] ?? 0);
  const [lines, setLines] = useState<string[]>([]);
  const [shown, setShown] = useState<string[]>([]);
  const [paused, setPaused] = useState(false);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("connecting…");
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    setLines([]);
    setStatus("connecting…");
    const source = new EventSource(`/api/v1/instances/${instanceId}/logs?replica=${replica}&tail=200&follow=1`);
    source.onopen = () => setStatus("live");
    source.addEventListener("line", (e) => {
      const line = JSON.parse((e as MessageEvent<string>).data) as string;
      setLines((prev) => (prev.length >= MAX_LINES ? [...prev.slice(-MAX_LINES + 1), line] : [...prev, line]));
    });
    source.addEventListener("end", () => {
      setStatus("the log ended");
      source.close();
    });
    source.addEventListener("error", (e) => {
      const data = (e as MessageEvent<string>).data;
      setStatus(data ? `error: ${JSON.parse(data) as string}` : "disconnected; retrying…");
      if (data) source.close();
    });
    return () => source.close();
  }, [instanceId, replica]);

  useEffect(() => {
    if (!paused) setShown(lines);
  }, [lines, paused]);
  const filtered = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? shown.filter((l) => l.toLowerCase().includes(needle)) : shown;
  }, [shown, search]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again whenever the shown lines change
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [filtered, follow]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([`${lines.join("\n")}\n`], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${instanceKey}-replica-${replica}.log`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="logs-heading" className="mb-8">
      <h2 id="logs-heading" className="mb-2 text-lg font-semibold">
        Logs
      </h2>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        {replicas.length > 1 && (
          <select
            aria-label="Replica"
            value={replica}
            onChange={(e) => setReplica(Number(e.target.value))}
            className="rounded border px-1"
          >
            {replicas.map((r) => (
              <option key={r} value={r}>
                replica {r}
              </option>
            ))}
          </select>
        )}
        <button type="button" className={buttonClass} onClick={() => setPaused((p) => !p)}>
          {paused ? "Resume" : "Pause"}
        </button>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="button" className={buttonClass} onClick={download} disabled={lines.length === 0}>
          Download
        </button>
        <span role="status" className="text-xs text-slate-500">
          {status} · {filtered.length} of {lines.length} lines{paused ? " · paused" : ""}
        </span>
      </div>
      <pre
        ref={box}
        data-testid="log-lines"
        className="h-80 overflow-auto rounded bg-slate-950 p-2 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100"
      >
        {filtered.join("\n")}
      </pre>
    </section>
  );
}
