import type { Actor, PermissionAction, Resource, Role, TokenScope } from "../vocabulary/access";

/**
 * The permission model, pure (no I/O): role × action × resource × the operator's host grants.
 * - admin: everything.
 * - operator: reads; layout.write; token.manage (their own tokens); layout.apply and instance.start / stop /
 *   restart / scale / invoke / logs.read only on hosts whose labels match one of their grants.
 * - viewer: reads only, and not logs (they can hold prompts).
 * An API token acts with its owner's role, further limited to its scopes, and never manages
 * users, tokens, secrets, hosts or settings.
 */

export const READ_ACTIONS: ReadonlySet<PermissionAction> = new Set([
  "fleet.read",
  "layout.read",
  "instance.read",
  "metrics.read",
  "audit.read",
]);

const ADMIN_ONLY: ReadonlySet<PermissionAction> = new Set([
  "host.manage",
  "user.manage",
  "secret.manage",
  "settings.manage",
]);
const HOST_SCOPED: ReadonlySet<PermissionAction> = new Set([
  "layout.apply",
  "instance.start",
  "instance.stop",
  "instance.restart",
  "instance.scale",
  "instance.invoke",
  "instance.logs.read",
]);
/** Reads that are not for everyone: logs can hold prompts (admins, and operators within their grants). */
const GRANTED_READS: ReadonlySet<PermissionAction> = new Set(["instance.logs.read"]);

export function isReadAction(action: PermissionAction): boolean {
  return READ_ACTIONS.has(action);
}

/** The token scope an action needs: "read" for reads (granted reads included), "write" for the rest. */
export function scopeNeeded(action: PermissionAction): TokenScope {
  return READ_ACTIONS.has(action) || GRANTED_READS.has(action) ? "read" : "write";
}

/** A selector is "*" (every host) or comma-separated key=value pairs that must all match. */
export function parseSelector(selector: string): Record<string, string> | "*" | null {
  const s = selector.trim();
  if (s === "*") return "*";
  const pairs = s.split(",").map((p) => p.trim());
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z0-9._/-]{1,63})=([A-Za-z0-9._-]{0,63})$/.exec(pair);
    if (!m) return null;
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  const parsed = parseSelector(selector);
  if (parsed === null) return false;
  if (parsed === "*") return true;
  return Object.entries(parsed).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

function roleAllows(role: Role, action: PermissionAction, resource: Resource, grants: readonly string[]): boolean {
  if (role === "admin") return true;
  if (isReadAction(action)) return true;
  if (role === "viewer") return false;
  // operator
  if (ADMIN_ONLY.has(action)) return false;
  if (action === "layout.write" || action === "token.manage") return true;
  if (HOST_SCOPED.has(action)) {
    if (resource.type === "host") return grants.some((g) => selectorMatches(g, resource.labels));
    if (resource.type === "instance") return grants.some((g) => selectorMatches(g, resource.hostLabels));
    // Applying a layout as a whole: allowed as a gate only; every host it touches is checked on its own.
    if (resource.type === "layout") return true;
    return false;
  }
  return false;
}

function tokenAllows(actor: Actor, action: PermissionAction): boolean {
  if (actor.kind !== "token") return true;
  const scopes = actor.scopes ?? [];
  if (ADMIN_ONLY.has(action) || action === "token.manage") return false;
  return scopes.includes(scopeNeeded(action));
}

export function can(actor: Actor, action: PermissionAction, resource: Resource, grants: readonly string[]): boolean {
  return tokenAllows(actor, action) && roleAllows(actor.role, action, resource, grants);
}

/** Whether the actor may change anything at all (a viewer or a read-only token may not). */
export function canWriteAnything(actor: Actor): boolean {
  if (actor.role === "viewer") return false;
  return actor.kind !== "token" || (actor.scopes ?? []).includes("write");
}

export function isRole(value: string): value is Role {
  return value === "admin" || value === "operator" || value === "viewer";
}
