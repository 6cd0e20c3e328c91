/** Exponential back-off per replica after a failed action: 2 s, 4 s, 8 s … up to 5 minutes. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 300_000;

export function backoffDelayMs(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts - 1, 30));
}

/** When a replica that has now failed `attempts` times in a row may be tried again. */
export const retryAt = (nowMs: number, attempts: number): number => nowMs + backoffDelayMs(attempts);
