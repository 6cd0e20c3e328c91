/**
 * Who may do what: the roles, the permission actions, the resources they act on and the caller (a person or an
 * API token). Shared by the guard (lib/auth), the queries that filter by caller and the pages that show controls.
 */

export type Role = "admin" | "operator" | "viewer";

export type PermissionAction =
  | "fleet.read"
  | "host.manage"
  | "layout.read"
  | "layout.write"
  | "layout.apply"
  | "instance.read"
  | "instance.start"
  | "instance.stop"
  | "instance.restart"
  | "instance.scale"
  /** Read an instance's logs: they can hold prompts, so only admins and operators within their grants. */
  | "instance.logs.read"
  /** Send a request to an instance through the server (the instance page's "try it"). */
  | "instance.invoke"
  | "metrics.read"
  | "audit.read"
  | "user.manage"
  | "token.manage"
  | "secret.manage"
  | "settings.manage";

export type Resource =
  | { type: "global" }
  | { type: "layout"; id?: string }
  | { type: "host"; id: string; labels: Record<string, string> }
  | { type: "instance"; id: string; hostLabels: Record<string, string> };

/** What an API token may do on top of its owner's role: "read" = every *.read action, "write" = design, apply, start, stop. */
export type TokenScope = "read" | "write";

export interface Actor {
  kind: "user" | "token";
  userId: string;
  label: string;
  role: Role;
  ip: string | null;
  /** Set when kind === "token": the token's id and scopes (a token never manages users, tokens, secrets, hosts or settings). */
  tokenId?: string;
  scopes?: TokenScope[];
}

/** One permission check: an action on one specific resource. */
export interface Check {
  action: PermissionAction;
  resource: Resource;
}
