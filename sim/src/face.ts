import type { SimEnv } from "./env";
import type { SimGpu, SimHost } from "./gpu/host";
import type { LineSink } from "./log";
import { readEntries } from "./state/state-dir";
import { processIdentity } from "./state/publisher";

/** What every engine face gets from the entry point. */
export interface FaceContext {
  env: SimEnv;
  /** The whole environment (TGI reads every option from its variable). */
  rawEnv: Readonly<Record<string, string | undefined>>;
  host: SimHost;
  visible: SimGpu[];
  sink: LineSink;
  /** FLEETDECK_SIM_LOAD_SECONDS in milliseconds. */
  loadMs: number;
}

export const DEFAULT_LOAD_SECONDS = 3;
export const DEFAULT_STATE_INTERVAL_MS = 1000;
export const DEFAULT_STATE_STALE_MS = 5000;

export const sleep = (ms: number) =>
  ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Bytes other engines of the host hold on `gpu` right now, per the state directory. */
export function othersOnGpu(ctx: FaceContext): (gpu: SimGpu) => number {
  const dir = ctx.env.FLEETDECK_SIM_STATE_DIR;
  if (!dir) return () => 0;
  const own = processIdentity().id;
  const entries = readEntries(dir, Date.now(), ctx.env.FLEETDECK_SIM_STATE_STALE_MS ?? DEFAULT_STATE_STALE_MS).filter(
    (e) => e.id !== own,
  );
  return (gpu) =>
    entries
      .flatMap((e) => e.gpus)
      .filter((g) => g.uuid === gpu.uuid)
      .reduce((sum, g) => sum + g.memoryUsedBytes, 0);
}
