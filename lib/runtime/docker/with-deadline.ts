export type DeadlineResult<T> = { ok: true; value: T } | { ok: false; error: unknown; timedOut: boolean };

/**
 * Runs `work` with an AbortSignal that fires after `timeoutMs`; settles by then at the latest, whether or not the
 * work honours the signal.
 */
export function withDeadline<T>(
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<DeadlineResult<T>> {
  const controller = new AbortController();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      controller.abort(new Error(`no answer within ${timeoutMs} ms`));
      resolve({ ok: false, error: controller.signal.reason, timedOut: true });
    }, timeoutMs);
    const settle = (result: DeadlineResult<T>) => {
      clearTimeout(timer);
      resolve(result);
    };
    Promise.resolve()
      .then(() => work(controller.signal))
      .then(
        (value) => settle({ ok: true, value }),
        (error: unknown) => settle({ ok: false, error, timedOut: false }),
      );
  });
}
