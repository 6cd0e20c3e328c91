import "server-only";
import { isAPIError } from "better-auth/api";
import { ActionError } from "../server/action-error";
import { writeAudit } from "../queries/audit/write-audit-event";
import { db } from "../queries/db";
import { findUser } from "../queries/users/find-user";
import { auth } from "./better-auth";
import { loginLimiter } from "./rate-limit";

export interface SignInResult {
  userId: string;
  /** The Set-Cookie values better-auth produced (in a server action, next-cookies has already applied them). */
  setCookies: string[];
}

const WRONG = "Wrong email, username or password. Check them and try again.";

/**
 * Signs in with an email or a username and a password: the limiter is consulted first (a locked
 * account or address is refused before the password is checked), every outcome is audited.
 */
export async function signInWithPassword(
  identifier: string,
  password: string,
  headers: Headers,
  ip: string | null,
): Promise<SignInResult> {
  const limiter = loginLimiter();
  const id = identifier.trim();
  const label = id.slice(0, 80);
  const decision = limiter.check(id, ip);
  if (!decision.allowed) {
    await writeAudit(db(), null, "auth.sign-in-throttled", { targetType: "account", targetId: label }, ip);
    throw new ActionError(decision.message, { status: 422 });
  }
  const api = auth(headers).api;
  try {
    const out = id.includes("@")
      ? await api.signInEmail({
          body: { email: id.toLowerCase(), password, rememberMe: true },
          headers,
          returnHeaders: true,
        })
      : await api.signInUsername({
          body: { username: id.toLowerCase(), password, rememberMe: true },
          headers,
          returnHeaders: true,
        });
    const userId = out.response?.user.id;
    if (!userId) throw new ActionError(WRONG, { status: 422 });
    limiter.succeeded(id);
    const user = await findUser(db(), userId);
    if (!user) throw new Error(`user ${userId} vanished while signing in`);
    await writeAudit(
      db(),
      { kind: "user", userId, label: user.username ?? user.email, role: "viewer", ip },
      "auth.sign-in",
      { targetType: "user", targetId: userId },
    );
    return { userId, setCookies: out.headers.getSetCookie() };
  } catch (err) {
    if (err instanceof ActionError) throw err;
    if (isAPIError(err) && err.statusCode >= 400 && err.statusCode < 500) {
      limiter.failed(id, ip);
      await writeAudit(db(), null, "auth.sign-in-failed", { targetType: "account", targetId: label }, ip);
      const after = limiter.check(id, ip);
      throw new ActionError(after.allowed ? WRONG : `${WRONG} ${after.message}`, { status: 422 });
    }
    throw err;
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
