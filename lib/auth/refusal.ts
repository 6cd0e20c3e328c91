import { type Actor, type Check, isGrantedRead, isReadAction, type HostRef, scopeFor } from "../vocabulary/access";
import { selectorMatches } from "./can";

function labels(l: Record<string, string>): string {
  const pairs = Object.entries(l).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(", ") : "no labels";
}

function grantHint(l: Record<string, string>): string {
  return Object.entries(l)[0]?.join("=") ?? "*";
}

function layoutRefusal(check: Check & { resource: { type: "layout" } }, grants: readonly string[]): string {
  const { resource } = check;
  const have = grants.length ? grants.join(", ") : "none";
  const outside = (resource.hosts ?? []).filter((h: HostRef) => !grants.some((g) => selectorMatches(g, h.labels)));
  if (outside.length > 0) {
    const names = outside.map((h) => `${h.name} (${labels(h.labels)})`).join(", ");
    return `You may not change layout ${resource.id}: you don't own it and it places instances on ${names}, which your host grants (${have}) don't match. Duplicate it to make your own copy, or ask its owner or an admin.`;
  }
  return `You may not change layout ${resource.id}: you don't own it and it places no instance on a host of yours. Duplicate it to make your own copy, or ask its owner or an admin.`;
}

/** Why a check was refused, in words a person can act on. */
export function describeRefusal(actor: Actor, check: Check, grants: readonly string[]): string {
  const { action, resource } = check;
  if (actor.kind === "token") {
    const scopes = actor.scopes ?? [];
    const needed = scopeFor(action);
    if (needed === null) return `API tokens can't do ${action}: sign in to the web console as an admin instead.`;
    if (!scopes.includes(needed))
      return `This API token has scopes [${scopes.join(", ")}]; ${action} needs the "${needed}" scope: create a token with it.`;
  }
  if (actor.role === "viewer")
    return `Your role is viewer (read-only): ${action} needs an operator or admin. Ask an admin to change your role.`;
  if (isReadAction(action) && !isGrantedRead(action)) return `You may not do ${action}.`;
  if (resource.type === "host" || resource.type === "instance") {
    const l = resource.type === "host" ? resource.labels : resource.hostLabels;
    const what = resource.type === "host" ? `host ${resource.name ?? resource.id}` : `instance ${resource.id}`;
    const have = grants.length ? grants.join(", ") : "none";
    return `You may not ${action} on ${what} (${labels(l)}): your host grants (${have}) don't match it. Ask an admin for a grant such as "${grantHint(l)}".`;
  }
  if (resource.type === "layout" && scopeFor(action) === "layouts:write")
    return layoutRefusal({ action, resource }, grants);
  return `Your role (${actor.role}) can't do ${action}: it needs an admin.`;
}
