import type { z } from "zod";
import type { DbClient } from "../queries/db";
import type { AuditEntry } from "../audit/audit-entry";
import type { Actor, Check } from "../vocabulary/access";

/**
 * The contract every server action and route handler follows (ARCHITECTURE.md, "Server actions"):
 * authorize → parse with zod → work through lib/ → audit (same transaction) → result.
 * lib/actions/define-action.ts implements it; lib/auth owns sessions, roles and authorize().
 */

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; reference?: string };

/** What an action's `run` receives: the caller and a transaction client (the audit row joins the same transaction). */
export interface ActionContext {
  actor: Actor;
  tx: DbClient;
}

/** What a server action is to its caller: any input in (it is parsed), a result out (it never throws). */
export type ServerAction<T> = (input: unknown) => Promise<ActionResult<T>>;

export interface ActionSpec<S extends z.ZodType, T, P = undefined> {
  /** Audit action, e.g. "layout.save-revision". */
  name: string;
  input: S;
  /** The specific resource(s) the call touches; each check must pass (an apply returns one per host). */
  authorize: (input: z.infer<S>, actor: Actor) => Promise<Check | readonly Check[]> | Check | readonly Check[];
  /**
   * Slow work outside the database transaction (a network call: test a Docker connection, probe GPUs), after the
   * caller is authorized; its result reaches run() as `ctx.prepared`. Transactions must stay short (SQLite holds
   * its write lock, and interactive transactions time out after 5 s).
   */
  prepare?: (input: z.infer<S>, actor: Actor) => Promise<P>;
  run: (input: z.infer<S>, ctx: ActionContext & { prepared: P }) => Promise<{ data: T; audit?: AuditEntry | null }>;
  /** True for actions that only read: viewers may call them, no audit row is written. Default false. */
  readOnly?: boolean;
  /** Runs after the transaction committed, with the result (e.g. nudge the reconcile loop); its errors are ignored. */
  afterCommit?: (data: T) => void;
  /** For actions on the caller's own account that every signed-in person may do (sign out everywhere): skips the viewer refusal, still audited. */
  selfService?: boolean;
}
