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
import type { AuditEntry } from "../audit/audit-entry";
import type { Actor, Check } from "../vocabulary/access";
import { InputShapeError, plainInput } from "./plain-input";
import type { ActionResult, ActionSpec, ServerAction } from "./types";
import { describeZodError } from "./zod-errors";

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

type Outcome<T> = ActionResult<T> & { status: number };

/** Refused writes are in the audit log too (who tried what, and why not), outside the rolled-back transaction. */
async function auditRefusal(actor: Actor, name: string, result: Outcome<unknown>, check: Check | undefined) {
  if (result.ok) return;
  const resource = check?.resource;
  const entry: AuditEntry = {
    targetType: resource?.type ?? "request",
    targetId: resource && "id" in resource ? resource.id : undefined,
    targetLabel: resource?.type === "host" ? resource.name : undefined,
    outcome: result.status === 422 ? "invalid" : "refused",
    after: { status: result.status, error: result.error.slice(0, 300) },
  };
  try {
    await writeAudit(db(), actor, name, entry);
  } catch (err) {
    log.error({ action: name, err: { message: (err as Error).message } }, "refusal not audited");
  }
}

/**
 * The one way to write a server action (and the core of defineRoute):
 * caller (cookie or token) → refuse anonymous → refuse a read-only caller of a mutating action → plain JSON only →
 * zod parse → authorize every check on the specific resource → run in a transaction with the audit row → result.
 * A refused or invalid write (403, 422) by a known caller is audited as such.
 */
export function executeAction<S extends z.ZodType, T, P = undefined>(spec: ActionSpec<S, T, P>) {
  return async (raw: unknown, known?: Actor | null): Promise<Outcome<T>> => {
    let actor: Actor | null = null;
    let refusedCheck: Check | undefined;
    const result = await (async (): Promise<Outcome<T>> => {
      try {
        actor = known === undefined ? await currentActor() : known;
        if (!actor) return { ok: false, error: SIGN_IN_REQUIRED, status: 401 };
        if (!spec.readOnly && !spec.selfService && !canWriteAnything(actor)) {
          const who = actor.kind === "token" ? "This API token is read-only" : "Your role is viewer (read-only)";
          return {
            ok: false,
            error: `${who}: ${spec.name} changes something. Ask an admin for an operator role.`,
            status: 403,
          };
        }
        const plain = plainInput(raw);
        const parsed = spec.input.safeParse(plain);
        if (!parsed.success) return { ok: false, ...describeZodError(parsed.error, plain), status: 422 };
        const input = parsed.data as z.infer<S>;
        const checked = await spec.authorize(input, actor);
        const checks: readonly Check[] = Array.isArray(checked) ? checked : [checked as Check];
        if (checks.length === 0) throw new Error(`${spec.name}: authorize() returned no check`);
        await assertCan(actor, checks);
        const prepared = (spec.prepare ? await spec.prepare(input, actor) : undefined) as P;
        const reads = spec.readOnly === true || (!spec.selfService && checks.every((c) => isReadAction(c.action)));
        const caller = actor;
        if (reads) {
          const { data } = await db().$transaction((tx) => spec.run(input, { actor: caller, tx, prepared }));
          return { ok: true, data, status: 200 };
        }
        const data = await db().$transaction(async (tx) => {
          const out = await spec.run(input, { actor: caller, tx, prepared });
          if (out.audit) await writeAudit(tx, caller, spec.name, out.audit);
          return out.data;
        });
        try {
          spec.afterCommit?.(data);
        } catch (err) {
          log.warn({ action: spec.name, err: { message: (err as Error).message } }, "after-commit hook failed");
        }
        return { ok: true, data, status: 200 };
      } catch (err) {
        if (err instanceof InputShapeError)
          return { ok: false, error: err.message, fieldErrors: { [err.path]: [err.detail] }, status: 422 };
        if (err instanceof AuthorizationError) refusedCheck = err.check;
        return failure<T>(err, spec.name);
      }
    })();
    const caller = actor as Actor | null;
    if (caller && !spec.readOnly && (result.status === 403 || result.status === 422))
      await auditRefusal(caller, spec.name, result, refusedCheck);
    return result;
  };
}

const specs = new WeakMap<object, ActionSpec<z.ZodType, unknown, unknown>>();

/** The spec an action was built from, so a route handler can run the same action (defineRoute(applyRevision)). */
export function specOf<T>(action: ServerAction<T>): ActionSpec<z.ZodType, T, unknown> | undefined {
  return specs.get(action) as ActionSpec<z.ZodType, T, unknown> | undefined;
}

/**
 * Builds a server action from its spec. The one way to expose one: a "use server" file under
 * lib/actions/<domain>/<verb-noun>.ts whose only export is `defineAction({...})` (or definePublicAction).
 */
export function defineAction<S extends z.ZodType, T, P = undefined>(spec: ActionSpec<S, T, P>): ServerAction<T> {
  const run = executeAction(spec);
  const action = async (input: unknown): Promise<ActionResult<T>> => {
    const { status: _status, ...result } = await run(input);
    return result;
  };
  specs.set(action, spec as unknown as ActionSpec<z.ZodType, unknown, unknown>);
  return register(action, {
    name: spec.name,
    kind: "action",
    mutates: spec.readOnly !== true,
    selfService: spec.selfService === true,
  });
}
