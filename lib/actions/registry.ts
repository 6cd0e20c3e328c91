/**
 * Every function built by defineAction / definePublicAction / defineRoute is recorded here, so the
 * guard-coverage test can tell a guarded export from one that forgot the guard.
 */
export interface GuardInfo {
  name: string;
  kind: "action" | "public-action" | "route";
  /** False when the action only reads (no audit row, viewers may call it). */
  mutates: boolean;
  /** Any signed-in person may call it on their own account (sign out everywhere); still audited. */
  selfService?: boolean;
}

const registry = new WeakMap<object, GuardInfo>();

export function register<F extends object>(fn: F, info: GuardInfo): F {
  registry.set(fn, info);
  return fn;
}

export function guardInfo(fn: unknown): GuardInfo | undefined {
  return typeof fn === "function" ? registry.get(fn) : undefined;
}
