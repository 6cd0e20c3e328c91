/** What applying a revision returned, as both apply flows show it (the apply-revision action's result). */
export interface AppliedRevision {
  revisionNumber: number;
  applied: { instanceKey: string; hostName: string; desiredState: string }[];
  stopped: string[];
  /** Touched hosts the reconciler cannot reach now: their part converges when they are back. */
  waiting?: { hostName: string; reason: string }[];
}

/** The status line after an apply: what was applied where, what stops, and which hosts it waits for. */
export function AppliedRevisionSummary({ result }: { result: AppliedRevision }) {
  const started = result.applied.map((a) => `${a.instanceKey} on ${a.hostName}`).join(", ");
  const waiting = result.waiting ?? [];
  return (
    <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-400">
      Applied revision {result.revisionNumber}: {started || "no instances"}
      {result.stopped.length > 0 ? `; stopping ${result.stopped.join(", ")}` : ""}.
      {waiting.length > 0 &&
        ` Waiting for ${waiting.map((w) => `${w.hostName} (${w.reason})`).join(", ")}: unreachable now, ${waiting.length === 1 ? "its" : "their"} part converges when ${waiting.length === 1 ? "it is" : "they are"} back.`}
    </p>
  );
}
