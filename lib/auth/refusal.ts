import type { Actor, Check } from "../vocabulary/access";
import { scopeNeeded } from "./can";

function labels(l: Record<string, string>): string {
  const pairs = Object.entries(l).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(", ") : "no labels";
}

/** Why a check was refused, in words a person can act on. */
export function describeRefusal(actor: Actor, check: Check, grants: readonly string[]): string {
  const { action, resource } = check;
  if (actor.kind === "token") {
    const scopes = actor.scopes ?? [];
    const needed = scopeNeeded(action);
    if (
      !scopes.includes(needed) &&
      !["user.manage", "token.manage", "secret.manage", "host.manage", "settings.manage"].includes(action)
    ) {
      return `This API token has scopes [${scopes.join(", ")}]; ${action} needs the "${needed}" scope: create a token with it.`;
    }
    if (["user.manage", "token.manage", "secret.manage", "host.manage", "settings.manage"].includes(action)) {
      return `API tokens can't do ${action}: sign in to the web console instead.`;
    }
  }
  if (actor.role === "viewer")
    return `Your role is viewer (read-only): ${action} needs an operator or admin. Ask an admin to change your role.`;
  if (resource.type === "host" || resource.type === "instance") {
    const l = resource.type === "host" ? resource.labels : resource.hostLabels;
    const what = resource.type === "host" ? `host ${resource.id}` : `instance ${resource.id}`;
    const have = grants.length ? grants.join(", ") : "none";
    return `You may not ${action} on ${what} (${labels(l)}): your host grants (${have}) don't match it. Ask an admin for a grant such as "${Object.entries(l)[0]?.join("=") ?? "*"}".`;
  }
  return `Your role (${actor.role}) can't do ${action}: it needs an admin.`;
}
