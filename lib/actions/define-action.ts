import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { assertCan, currentActor } from "../auth/authorize";
import { canWriteAnything, isReadAction } from "../auth/can";
import { AuthorizationError, SIGN_IN_REQUIRED } from "../auth/errors";
import { db } from "../queries/db";
import { log } from "../server/log";
import { writeAudit } from "../queries/audit/write-audit-event";
import { ActionError } from "../server/action-error";
import { register } from "./registry";
import type { ActionContext, ActionResult, Actor, AuditEntry, Check } from "./types";
import { describeZodError } from "./zod-errors";

export interface ActionSpec<S extends z.ZodType, T> {
  /** Audit action, e.g. "layout.save-revision". */
  name: string;
  input: S;
  /** The specific resource(s) the call touches; each check must pass (an apply returns one per host). */
  authorize: (input: z.infer<S>, actor: Actor) => Promise<Check | readonly Check[]> | Check | readonly Check[];
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<{ data: T; audit?: AuditEntry | null }>;
  /** True for actions that only read: viewers may call them, no audit row is written. Default false. */
  readOnly?: boolean;
  /** For actions on the caller's own account that every signed-in person may do (sign out everywhere): skips the viewer refusal, still audited. */
  selfService?: boolean;
}

/** Turns any thrown value into a result for the client; unexpected errors are logged with a reference, never shown. */
export function failure<T>(err: unknown, name: string): ActionResult<T> & { ok: false; status: number } {
  if (err instanceof AuthorizationError) return { ok: false, error: err.message, status: err.status };
  if (err instanceof ActionError)
    return { ok: false, error: err.message, fieldErrors: err.fieldErrors, status: err.status };
  const reference = randomUUID().slice(0, 8);
  const e = err instanceof Error ? err : new Error(String(err));
  log.error({ reference, action: name, err: { name: e.name, message: e.message, stack: e.stack } }, "action failed");
  return {
    ok: false,
    error: `Something went wrong (reference ${reference}). The change was not made; tell your administrator the reference.`,
    reference,
    status: 500,
  };
}

/**
 * The one way to write a server action (and the core of defineRoute):
 * caller (cookie or token) → refuse anonymous → refuse a read-only caller of a mutating action →
 * zod parse → authorize every check on the specific resource → run in a transaction with the audit row → result.
 */
export function executeAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>) {
  return async (raw: unknown, known?: Actor | null): Promise<ActionResult<T> & { status: number }> => {
    try {
      const actor = known === undefined ? await currentActor() : known;
      if (!actor) return { ok: false, error: SIGN_IN_REQUIRED, status: 401 };
      if (!spec.readOnly && !spec.selfService && !canWriteAnything(actor)) {
        const who = actor.kind === "token" ? "This API token is read-only" : "Your role is viewer (read-only)";
        return {
          ok: false,
          error: `${who}: ${spec.name} changes something. Ask an admin for an operator role.`,
          status: 403,
        };
      }
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) return { ok: false, ...describeZodError(parsed.error, raw), status: 422 };
      const input = parsed.data as z.infer<S>;
      const checked = await spec.authorize(input, actor);
      const checks: readonly Check[] = Array.isArray(checked) ? checked : [checked as Check];
      if (checks.length === 0) throw new Error(`${spec.name}: authorize() returned no check`);
      await assertCan(actor, checks);
      const reads = spec.readOnly === true || (!spec.selfService && checks.every((c) => isReadAction(c.action)));
      if (reads) {
        const { data } = await db().$transaction((tx) => spec.run(input, { actor, tx }));
        return { ok: true, data, status: 200 };
      }
      const data = await db().$transaction(async (tx) => {
        const out = await spec.run(input, { actor, tx });
        if (out.audit) await writeAudit(tx, actor, spec.name, out.audit);
        return out.data;
      });
      return { ok: true, data, status: 200 };
    } catch (err) {
      return failure<T>(err, spec.name);
    }
  };
}

export function defineAction<S extends z.ZodType, T>(
  spec: ActionSpec<S, T>,
): (input: unknown) => Promise<ActionResult<T>> {
  const run = executeAction(spec);
  const action = async (input: unknown): Promise<ActionResult<T>> => {
    const { status: _status, ...result } = await run(input);
    return result;
  };
  return register(action, {
    name: spec.name,
    kind: "action",
    mutates: spec.readOnly !== true,
    selfService: spec.selfService === true,
  });
}
