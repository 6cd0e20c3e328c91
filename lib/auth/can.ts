import {
  type Actor,
  isGrantedRead,
  isReadAction,
  type PermissionAction,
  type Resource,
  type Role,
  scopeFor,
} from "../vocabulary/access";

/**
 * The permission model, pure (no I/O): role × action × resource × the operator's host grants × token scopes.
 * - admin: everything.
 * - viewer: every `*.read` action but logs (they can hold prompts), nothing else.
 * - operator: reads; creates layouts; saves, renames, duplicates and archives a layout they own or whose
 *   registered hosts (where its current and its new revision place instances) all match their grants;
 *   applies revisions, starts, stops, restarts, scales and sends requests to instances, and reads their logs, only on
 *   hosts matching a grant; manages their own
 *   API tokens. Never hosts, users, secrets or settings.
 * An API token acts with its owner's role and grants, further limited to its scopes (lib/vocabulary/access.ts,
 * `scopeFor`); secrets and settings need a signed-in admin.
 */

export { isReadAction } from "../vocabulary/access";

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

function hostAllowed(grants: readonly string[], labels: Record<string, string>): boolean {
  return grants.some((g) => selectorMatches(g, labels));
}

/** layout.write for an operator: a new layout, a layout they own, or one whose every placed host they hold a grant for. */
function operatorMayWriteLayout(actor: Actor, resource: Resource, grants: readonly string[]): boolean {
  if (resource.type !== "layout") return false;
  if (resource.id === undefined) return true;
  if (resource.ownerId && resource.ownerId === actor.userId) return true;
  const hosts = resource.hosts ?? [];
  return hosts.length > 0 && hosts.every((h) => hostAllowed(grants, h.labels));
}

function hostScopedAllows(resource: Resource, grants: readonly string[]): boolean {
  if (resource.type === "host") return hostAllowed(grants, resource.labels);
  if (resource.type === "instance") return hostAllowed(grants, resource.hostLabels);
  return false;
}

function roleAllows(actor: Actor, action: PermissionAction, resource: Resource, grants: readonly string[]): boolean {
  if (actor.role === "admin") return true;
  if (isGrantedRead(action)) return actor.role === "operator" && hostScopedAllows(resource, grants);
  if (isReadAction(action)) return true;
  if (actor.role === "viewer") return false;
  // operator
  const scope = scopeFor(action);
  if (scope === "tokens:manage") return true;
  if (scope === "layouts:write") return operatorMayWriteLayout(actor, resource, grants);
  if (scope === "instances:operate") {
    // Applying a layout as a whole: a gate only; every host it touches is checked on its own.
    return resource.type === "layout" || hostScopedAllows(resource, grants);
  }
  return false;
}

function tokenAllows(actor: Actor, action: PermissionAction): boolean {
  if (actor.kind !== "token") return true;
  const needed = scopeFor(action);
  return needed !== null && (actor.scopes ?? []).includes(needed);
}

export function can(actor: Actor, action: PermissionAction, resource: Resource, grants: readonly string[]): boolean {
  return tokenAllows(actor, action) && roleAllows(actor, action, resource, grants);
}

/** Whether the actor may change anything at all (a viewer or a read-only token may not). */
export function canWriteAnything(actor: Actor): boolean {
  if (actor.role === "viewer") return false;
  return actor.kind !== "token" || (actor.scopes ?? []).some((s) => s !== "read");
}

export function isRole(value: string): value is Role {
  return value === "admin" || value === "operator" || value === "viewer";
}
