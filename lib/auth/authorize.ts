import "server-only";
import { cache } from "react";
import type { Actor, Check, PermissionAction, Resource } from "../vocabulary/access";
import { type DbClient, db } from "../queries/db";
import { listGrantSelectors } from "../queries/grants/list-grant-selectors";
import { findUser } from "../queries/users/find-user";
import { log } from "../server/log";
import { bearerToken } from "../tokens/token-format";
import { verifyApiToken } from "./verify-token";
import { auth } from "./better-auth";
import { can, isRole } from "./can";
import { AuthorizationError, SIGN_IN_REQUIRED } from "./errors";
import { describeRefusal } from "./refusal";
import { clientIp, requestHeaders } from "./request-context";

export { can } from "./can";
export { AuthorizationError } from "./errors";

function labelOf(user: { email: string; username: string | null }): string {
  return user.username ?? user.email;
}

/** The caller: an `Authorization: Bearer fd_…` token when one is sent, else the session cookie. Null = anonymous. */
export const currentActor: () => Promise<Actor | null> = cache(async () => resolveActor(await requestHeaders()));
// cache(): memoised per server render (layout, page and data functions look the caller up once); a no-op elsewhere.

async function resolveActor(headers: Headers): Promise<Actor | null> {
  const ip = clientIp(headers);
  const bearer = bearerToken(headers);
  if (bearer) {
    const verified = await verifyApiToken(db(), bearer);
    if (!verified || !isRole(verified.user.role)) return null;
    return {
      kind: "token",
      userId: verified.user.id,
      label: `${labelOf(verified.user)} (token ${verified.prefix}…)`,
      role: verified.user.role,
      ip,
      tokenId: verified.tokenId,
      scopes: verified.scopes,
    };
  }
  if (!headers.get("cookie")) return null;
  let userId: string | undefined;
  try {
    const session = await auth(headers).api.getSession({ headers });
    userId = session?.user.id;
  } catch (err) {
    log.warn({ err: { name: (err as Error).name } }, "session lookup failed");
    return null;
  }
  if (!userId) return null;
  const user = await findUser(db(), userId);
  if (!user || user.banned || !isRole(user.role)) return null;
  return { kind: "user", userId: user.id, label: labelOf(user), role: user.role, ip };
}

/** The host-group selectors granted to an operator (admins and viewers need none). */
export async function grantsOf(actor: Actor): Promise<string[]> {
  if (actor.role !== "operator") return [];
  return listGrantSelectors(db(), actor.userId);
}

/** Throws AuthorizationError(403) unless `actor` may do every check. */
export async function assertCan(actor: Actor, checks: readonly Check[]): Promise<void> {
  const grants = await grantsOf(actor);
  for (const check of checks) {
    if (!can(actor, check.action, check.resource, grants)) {
      throw new AuthorizationError(403, describeRefusal(actor, check, grants), check);
    }
  }
}

/** The one guard: resolves the caller, refuses anonymous (401) and anything their role, grants or token scopes don't allow (403). */
export async function authorize(action: PermissionAction, resource: Resource): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AuthorizationError(401, SIGN_IN_REQUIRED);
  await assertCan(actor, [{ action, resource }]);
  return actor;
}

/** Like authorize(), for pages: null instead of a 401 so the page can redirect to sign-in. */
export async function authorizeOrNull(action: PermissionAction, resource: Resource): Promise<Actor | null> {
  const actor = await currentActor();
  if (!actor) return null;
  await assertCan(actor, [{ action, resource }]);
  return actor;
}

/**
 * For pages: authorizes the read, then runs the query with the database client. Pages get the client only this
 * way (the import rules keep app/ from importing lib/queries/db), so a page cannot read without a check. Nobody
 * signed in (a session that just ended, a bad token) goes to sign-in, as the console layout sends them.
 */
export async function authorizedRead<T>(
  action: PermissionAction,
  resource: Resource,
  query: (client: DbClient, actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = await authorizeOrNull(action, resource);
  if (!actor) {
    // Loaded here, not at the top: the CLI runs the actions (which import this module) outside Next, where
    // next/navigation's client half cannot load under the react-server condition.
    const { redirect } = await import("next/navigation");
    return redirect("/sign-in");
  }
  return query(db(), actor);
}
