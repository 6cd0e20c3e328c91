import type { Check } from "../vocabulary/access";

/** A refusal meant for people: 401 = not signed in (or a bad token), 403 = signed in but not allowed. */
export class AuthorizationError extends Error {
  readonly status: 401 | 403;
  /** The check that was refused (for the audit row of the refusal). */
  readonly check?: Check;
  constructor(status: 401 | 403, message: string, check?: Check) {
    super(message);
    this.name = "AuthorizationError";
    this.status = status;
    this.check = check;
  }
}

export const SIGN_IN_REQUIRED =
  "You are not signed in: sign in (or send a valid API token as `Authorization: Bearer fd_…`) and try again.";
