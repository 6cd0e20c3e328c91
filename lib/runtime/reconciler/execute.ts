import type { HostRuntime } from "../drivers/host-runtime";
import { concurrencyLimiter } from "../health/limit-concurrency";
import type { ReconcileAction } from "../planner/types";

export interface ActionOutcome {
  action: ReconcileAction;
  ok: boolean;
  error?: string;
  /** Set when a create had to start an image pull first (not a failure). */
  pulling?: boolean;
}

/** Stops and removals free GPUs and ports, so on each host they go before creates, starts and replaces. */
const FIRST: ReadonlySet<ReconcileAction["kind"]> = new Set(["stop", "remove"]);

async function perform(runtime: HostRuntime, action: ReconcileAction): Promise<ActionOutcome> {
  try {
    switch (action.kind) {
      case "create":
        return { action, ok: true, pulling: (await runtime.create(action.spec)) === null };
      case "replace": {
        await runtime.remove(action.containerId);
        return { action, ok: true, pulling: (await runtime.create(action.spec)) === null };
      }
      case "start":
        await runtime.start(action.containerId);
        return { action, ok: true };
      case "stop":
        await runtime.stop(action.containerId);
        return { action, ok: true };
      case "remove":
        await runtime.remove(action.containerId);
        return { action, ok: true };
    }
  } catch (error) {
    return { action, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs a pass's actions: hosts in parallel, at most `perHost` at once on each host, stops and removals first. Every
 * action settles (the drivers' deadlines bound them); failures come back as outcomes, never as throws.
 */
export async function executeActions(
  actions: readonly ReconcileAction[],
  runtimes: ReadonlyMap<string, HostRuntime>,
  perHost: number,
): Promise<ActionOutcome[]> {
  const byHost = new Map<string, ReconcileAction[]>();
  for (const a of actions) byHost.set(a.hostId, [...(byHost.get(a.hostId) ?? []), a]);
  const results = await Promise.all(
    [...byHost].map(async ([hostId, list]) => {
      const runtime = runtimes.get(hostId);
      if (!runtime) return list.map((action) => ({ action, ok: false, error: `host ${hostId} has no runtime` }));
      const limit = concurrencyLimiter(perHost);
      const first = await Promise.all(
        list.filter((a) => FIRST.has(a.kind)).map((a) => limit(() => perform(runtime, a))),
      );
      const then = await Promise.all(
        list.filter((a) => !FIRST.has(a.kind)).map((a) => limit(() => perform(runtime, a))),
      );
      return [...first, ...then];
    }),
  );
  return results.flat();
}
