import type { DownTarget } from "@/lib/metrics/api/responses";

const clock = (ms: number) => new Date(ms).toLocaleTimeString();

/** Says the source is unavailable since when (the charts below keep their last data), and which targets are down. */
export function UnavailableBanner({
  unavailable,
  down,
  nameOf,
}: {
  unavailable: { sinceMs: number; message: string } | null;
  down: DownTarget[];
  nameOf: (t: DownTarget) => string;
}) {
  if (!unavailable && down.length === 0) return null;
  return (
    <div
      role="alert"
      className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      {unavailable && (
        <p data-testid="metrics-unavailable">
          <strong>Metrics unavailable since {clock(unavailable.sinceMs)}</strong>: {unavailable.message}. The charts
          show the last data received.
        </p>
      )}
      {down.length > 0 && (
        <ul className="mt-1 list-disc pl-5" data-testid="metrics-down-targets">
          {down.map((t) => (
            <li key={t.id}>
              {nameOf(t)} is down{t.downSinceMs !== null ? ` since ${clock(t.downSinceMs)}` : ""}
              {t.lastError ? `: ${t.lastError}` : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
