/**
 * Who may do what: the roles, the permission actions, the resources they act on, the API token scopes and the
 * caller (a person or an API token). Shared by the guard (lib/auth), the queries that filter by caller and the
 * pages and forms that show controls.
 *
 * Permission actions are `<family>.<verb>`. The family and verb alone decide the token scope an action needs
 * (`scopeFor`), so a new action (`instance.scale`, `instance.logs.read`, `host.probe`) slots in without a table:
 *   *.read                        → "read"
 *   layout.apply, instance.*      → "instances:operate"  (host-scoped for operators)
 *   layout.*                      → "layouts:write"      (owner or host-scoped for operators)
 *   host.*   / user.* / token.*   → "hosts:manage" / "users:manage" / "tokens:manage"
 *   secret.*, settings.*          → no scope: a signed-in admin in the web console only
 */

export type Role = "admin" | "operator" | "viewer";

export const PERMISSION_ACTIONS = [
  "fleet.read",
  "host.manage",
  "layout.read",
  "layout.write",
  "layout.apply",
  "instance.read",
  "instance.start",
  "instance.stop",
  "instance.restart",
  "instance.scale",
  /** Read an instance's logs: they can hold prompts, so only admins and operators within their grants. */
  "instance.logs.read",
  /** Send a request to an instance through the server (the instance page's "try it"). */
  "instance.invoke",
  "metrics.read",
  "audit.read",
  "user.manage",
  "token.manage",
  "secret.manage",
  "settings.manage",
] as const;

export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** A registered host as the permission check sees it: its id, its name (for messages) and the labels from the host table. */
export interface HostRef {
  id: string;
  name: string;
  labels: Record<string, string>;
}

export type Resource =
  | { type: "global" }
  /** A saved layout: its owner and the registered hosts its revisions place instances on (old and new). No id = a new layout. */
  | { type: "layout"; id?: string; ownerId?: string | null; hosts?: readonly HostRef[] }
  | { type: "host"; id: string; name?: string; labels: Record<string, string> }
  | { type: "instance"; id: string; hostLabels: Record<string, string> };

export const TOKEN_SCOPES = [
  "read",
  "layouts:write",
  "instances:operate",
  "hosts:manage",
  "users:manage",
  "tokens:manage",
] as const;

/** What an API token may do, on top of its owner's role and grants (a token never does more than its owner). */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_INFO: Record<TokenScope, { allows: string; adminOnly: boolean }> = {
  read: {
    allows: "read everything the owner may read (layouts, revisions, instances, hosts, audit, logs within grants)",
    adminOnly: false,
  },
  "layouts:write": { allows: "create, save, rename, duplicate and archive layouts", adminOnly: false },
  "instances:operate": {
    allows: "apply revisions; start, stop, restart, scale and send requests to instances",
    adminOnly: false,
  },
  "hosts:manage": { allows: "register, change and remove hosts (admins)", adminOnly: true },
  "users:manage": { allows: "create, change, disable and delete users and their grants (admins)", adminOnly: true },
  "tokens:manage": { allows: "create and revoke API tokens, never with more scopes than this one", adminOnly: false },
};

/** Older releases stored "write" (it meant apply, start and stop). */
export const LEGACY_SCOPES: Readonly<Record<string, TokenScope>> = { write: "instances:operate" };

export function isReadAction(action: PermissionAction): boolean {
  return action.endsWith(".read");
}

/** Reads that are not for everyone: logs can hold prompts (admins, and operators within their host grants). */
export function isGrantedRead(action: PermissionAction): boolean {
  return action === "instance.logs.read";
}

/** The scope a token needs for `action`, or null when no token may do it (secrets and settings). */
export function scopeFor(action: PermissionAction): TokenScope | null {
  if (isReadAction(action)) return "read";
  const family = action.slice(0, action.indexOf("."));
  if (action === "layout.apply" || family === "instance") return "instances:operate";
  if (family === "layout") return "layouts:write";
  if (family === "host") return "hosts:manage";
  if (family === "user") return "users:manage";
  if (family === "token") return "tokens:manage";
  return null;
}

export interface Actor {
  kind: "user" | "token";
  userId: string;
  label: string;
  role: Role;
  ip: string | null;
  /** Set when kind === "token": the token's id and scopes. */
  tokenId?: string;
  scopes?: TokenScope[];
}

/** One permission check: an action on one specific resource. */
export interface Check {
  action: PermissionAction;
  resource: Resource;
}
