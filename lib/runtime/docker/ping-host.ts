import "server-only";
import { performance } from "node:perf_hooks";
import type { DockerHandle } from "./create-client";
import { pingDaemon } from "./docker-calls";
import { describeFailure, type ConnectionFailure } from "./failure";
import { withDeadline } from "./with-deadline";

export type PingResult = { ok: true; rttMs: number } | { ok: false; failure: ConnectionFailure };

/** The daemon closed a kept-alive connection (it restarted or stopped): worth one more try on a new connection. */
const isStaleConnection = (error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  return code === "ECONNRESET" || code === "EPIPE" || /socket hang up/i.test(message ?? "");
};

/** One GET /_ping within `timeoutMs`, on a (usually cached) client: the health poller's check. */
export async function pingHost(handle: DockerHandle, timeoutMs: number): Promise<PingResult> {
  const t0 = performance.now();
  const result = await withDeadline(timeoutMs, async (abortSignal) => {
    try {
      return await pingDaemon(handle.docker, abortSignal);
    } catch (error) {
      if (!isStaleConnection(error) || abortSignal.aborted) throw error;
      return pingDaemon(handle.docker, abortSignal);
    }
  });
  if (result.ok) return { ok: true, rttMs: Math.round((performance.now() - t0) * 10) / 10 };
  return {
    ok: false,
    failure: describeFailure(result.error, {
      endpoint: handle.endpoint,
      progress: handle.progress,
      timedOut: result.timedOut,
      timeoutMs,
    }),
  };
}
