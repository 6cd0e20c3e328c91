/**
 * Tells the runtime's reconcile loop that desired state changed, so it runs a pass now instead of at its next tick.
 * A process-wide signal (the loop and the actions may sit in different bundles of one server): actions call
 * nudgeRuntime() after their transaction commits; the loop, when started, listens. No loop: nothing happens.
 */
type Listener = () => void;

const holder = globalThis as typeof globalThis & { __fleetdeckRuntimeNudge?: Set<Listener> };
const listeners = (): Set<Listener> => {
  holder.__fleetdeckRuntimeNudge ??= new Set();
  return holder.__fleetdeckRuntimeNudge;
};

export function onRuntimeNudge(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function nudgeRuntime(): void {
  for (const listener of listeners()) listener();
}
