import "server-only";
import type { StartupLogReader } from "../../metrics/predicted/gather-predicted";
import { runtimeForHost } from "../../runtime/controller";

/**
 * Docker keeps no head of a log, only its tail: this many lines reach back to the start-up of an engine that has
 * logged its periodic stats line (every 10 s in vLLM) for about two days.
 */
const TAIL_LINES = 20_000;

/** A StartupLogReader over the runtime: the replica's container log, through the driver of its host. */
export const readStartupLogFromRuntime: StartupLogReader = async (_instance, replica) => {
  if (!replica.hostId || !replica.containerId) return null;
  const runtime = await runtimeForHost(replica.hostId);
  if (!runtime) return null;
  return runtime.logs(replica.containerId, TAIL_LINES);
};

/** The first reader that has the log: a log file the metrics service was given, else the runtime's container log. */
export function firstStartupLog(...readers: StartupLogReader[]): StartupLogReader {
  return async (instance, replica) => {
    for (const read of readers) {
      const lines = await read(instance, replica).catch(() => null);
      if (lines) return lines;
    }
    return null;
  };
}
