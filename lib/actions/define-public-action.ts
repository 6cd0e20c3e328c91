import "server-only";
import type { z } from "zod";
import { clientIp, requestHeaders } from "../auth/request-context";
import { failure } from "./define-action";
import { InputShapeError, plainInput } from "./plain-input";
import { register } from "./registry";
import type { ActionResult } from "./types";
import { describeZodError } from "./zod-errors";

export interface PublicActionSpec<S extends z.ZodType, T> {
  name: string;
  /** Why this action must work without a signed-in caller (sign-in, first-run setup, sign-out). */
  reason: string;
  input: S;
  run: (input: z.infer<S>, ctx: { headers: Headers; ip: string | null }) => Promise<T>;
}

/**
 * The only way to write an action that runs for anonymous callers. The guard-coverage test lists
 * every one by name, so adding another is a deliberate, reviewed change.
 */
export function definePublicAction<S extends z.ZodType, T>(
  spec: PublicActionSpec<S, T>,
): (input: unknown) => Promise<ActionResult<T>> {
  const action = async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const plain = plainInput(raw);
      const parsed = spec.input.safeParse(plain);
      if (!parsed.success) return { ok: false, ...describeZodError(parsed.error, plain) };
      const headers = await requestHeaders();
      const data = await spec.run(parsed.data as z.infer<S>, { headers, ip: clientIp(headers) });
      return { ok: true, data };
    } catch (err) {
      if (err instanceof InputShapeError)
        return { ok: false, error: err.message, fieldErrors: { [err.path]: [err.detail] } };
      const { status: _status, ...result } = failure<T>(err, spec.name);
      return result;
    }
  };
  return register(action, { name: spec.name, kind: "public-action", mutates: true });
}
