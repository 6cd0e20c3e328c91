import { RuntimeError } from "../host-runtime";

type DockerError = Error & { statusCode?: number; json?: { message?: string } | string; code?: string };

/** The daemon's own message ("No such image: …"), else the error's. */
export function daemonMessage(error: unknown): string {
  const e = error as DockerError;
  const json = typeof e.json === "string" ? undefined : e.json?.message;
  return (json ?? e.message ?? String(error)).trim();
}

export const statusOf = (error: unknown): number | undefined => (error as DockerError).statusCode;

/** Connection-level failures: the daemon could not be reached at all. */
export function isUnreachable(error: unknown): boolean {
  const code = (error as DockerError).code;
  return (
    statusOf(error) === undefined &&
    (["ECONNREFUSED", "ENOENT", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET", "EPIPE"].includes(code ?? "") ||
      /connect|socket hang up|handshake|timed out|no answer within/i.test(daemonMessage(error)))
  );
}

/** Wraps a daemon failure in a RuntimeError that says what was being done on which host. */
export function runtimeError(what: string, hostName: string, error: unknown): RuntimeError {
  if (error instanceof RuntimeError) return error;
  const message = `${what} on ${hostName}: ${daemonMessage(error)}`;
  if (isUnreachable(error)) return new RuntimeError(message, "unreachable");
  if (statusOf(error) === 409) return new RuntimeError(message, "conflict");
  if (statusOf(error) === 404) return new RuntimeError(message, "not-found");
  return new RuntimeError(message, "refused");
}
