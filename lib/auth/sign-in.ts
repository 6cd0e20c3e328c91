import "server-only";
import { isAPIError } from "better-auth/api";
import { verifyPassword } from "better-auth/crypto";
import type { AuditEntry } from "../audit/audit-entry";
import { writeAudit } from "../queries/audit/write-audit-event";
import { db } from "../queries/db";
import { findLoginAccount, type LoginAccount } from "../queries/users/find-login-account";
import { findPasswordHash } from "../queries/users/find-password-hash";
import { ActionError } from "../server/action-error";
import { attemptAudit } from "./attempt-audit";
import { auth } from "./better-auth";
import { loginLimiter } from "./rate-limit";

export interface SignInResult {
  userId: string;
  /** The Set-Cookie values better-auth produced (in a server action, next-cookies has already applied them). */
  setCookies: string[];
}

const WRONG = "Wrong email, username or password. Check them and try again.";
const DISABLED = "This account is disabled: ask an admin to enable it.";

type Target = Pick<AuditEntry, "targetType" | "targetId" | "targetLabel">;

function targetOf(account: LoginAccount | null, typed: string): Target {
  if (account) return { targetType: "user", targetId: account.id, targetLabel: account.username ?? account.email };
  const label = typed.slice(0, 80);
  return { targetType: "account", targetId: label, targetLabel: label };
}

/** Checks the password with better-auth, which creates the session (and sets its cookie) when it is right. */
async function passwordSignIn(account: LoginAccount | null, typed: string, password: string, headers: Headers) {
  const api = auth(headers).api;
  const email = account?.email ?? (typed.includes("@") ? typed.toLowerCase() : null);
  const out = email
    ? await api.signInEmail({ body: { email, password, rememberMe: true }, headers, returnHeaders: true })
    : await api.signInUsername({
        body: { username: typed.toLowerCase(), password, rememberMe: true },
        headers,
        returnHeaders: true,
      });
  const userId = out.response?.user.id;
  if (!userId) throw new ActionError(WRONG, { status: 422 });
  return { userId, setCookies: out.headers.getSetCookie() };
}

/** A disabled account never gets a session; the right password only earns the "disabled" message. */
async function disabledAccount(account: LoginAccount, password: string): Promise<never> {
  const hash = await findPasswordHash(db(), account.id);
  const right = hash ? await verifyPassword({ hash, password }) : false;
  throw new ActionError(right ? DISABLED : WRONG, { status: 422 });
}

/**
 * Signs in with an email or a username and a password. The attempt is reserved with the limiter before the
 * password is checked, keyed on the account the text names (so "ada" and "ada@example.com" count together) and
 * on the caller's address; a refused attempt never reaches the hash. Successes are audited one by one, failed and
 * throttled attempts aggregated per account, address and minute.
 */
export async function signInWithPassword(
  identifier: string,
  password: string,
  headers: Headers,
  ip: string | null,
): Promise<SignInResult> {
  const limiter = loginLimiter();
  const typed = identifier.trim();
  const account = await findLoginAccount(db(), typed);
  const target = targetOf(account, typed);
  const reservation = limiter.reserve(account ? `user:${account.id}` : `name:${typed.toLowerCase()}`, ip);
  if (!reservation.allowed) {
    attemptAudit().record("auth.sign-in-throttled", target, ip);
    throw new ActionError(reservation.message, { status: 422 });
  }
  let outcome: "failed" | "succeeded" | "aborted" = "aborted";
  try {
    if (account?.banned) await disabledAccount(account, password);
    const result = await passwordSignIn(account, typed, password, headers);
    outcome = "succeeded";
    await writeAudit(db(), { userId: result.userId, label: target.targetLabel ?? typed, ip }, "auth.sign-in", {
      targetType: "user",
      targetId: result.userId,
      targetLabel: target.targetLabel,
    });
    return result;
  } catch (err) {
    const rejected = err instanceof ActionError || (isAPIError(err) && err.statusCode >= 400 && err.statusCode < 500);
    if (!rejected) throw err;
    outcome = "failed";
    limiter.finish(reservation, outcome);
    attemptAudit().record("auth.sign-in-failed", target, ip);
    const message = err instanceof ActionError ? err.message : WRONG;
    const after = limiter.check(reservation.account, ip);
    throw new ActionError(after.allowed || message === DISABLED ? message : `${message} ${after.message}`, {
      status: 422,
    });
  } finally {
    if (outcome !== "failed") limiter.finish(reservation, outcome);
  }
}

/** Ends this session (cookie cleared in a server action). */
export async function signOutSession(headers: Headers): Promise<void> {
  try {
    await auth(headers).api.signOut({ headers });
  } catch (err) {
    if (!isAPIError(err)) throw err;
  }
}
