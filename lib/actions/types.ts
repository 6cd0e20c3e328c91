import type { Db } from "../queries/db";

/**
 * The contract every server action and route handler follows (DESIGN.md, Conventions):
 * authorize → parse with zod → work through lib/ → audit (same transaction) → result.
 * lib/actions/define-action.ts implements it; lib/auth owns sessions, roles and authorize().
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

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; reference?: string };

export interface AuditEntry {
  targetType: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

/** What an action's `run` receives: the caller and a transaction client (the audit row joins the same transaction). */
export interface ActionContext {
  actor: Actor;
  tx: Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
}
