import "server-only";
import type { DbClient } from "../../queries/db";
import { findLayoutAccess, type LayoutAccess } from "../../queries/layouts/find-layout-access";
import { placedHosts } from "../../queries/layouts/placed-hosts";
import { ActionError } from "../../server/action-error";
import type { Check, HostRef } from "../../vocabulary/access";
import type { Layout } from "../../vocabulary/layout-schema";

/** The saved layout, or a 404 that says what to do. */
export async function existingLayout(client: DbClient, layoutId: string): Promise<LayoutAccess> {
  const layout = await findLayoutAccess(client, layoutId);
  if (!layout)
    throw new ActionError(
      `Layout ${layoutId} does not exist (it may have been deleted): list layouts with GET /api/v1/layouts.`,
      {
        status: 404,
      },
    );
  return layout;
}

/**
 * Changing a saved layout (a new revision, a rename, archiving) needs layout.write on it: its owner, its hosts
 * now and, for a new document, the hosts that document places instances on (lib/auth/can.ts has the rule).
 */
export async function layoutWriteCheck(client: DbClient, layoutId: string, next?: Layout): Promise<Check> {
  const layout = await findLayoutAccess(client, layoutId);
  if (!layout) return { action: "layout.write", resource: { type: "layout" } }; // run() answers 404
  const hosts = new Map<string, HostRef>(layout.hosts.map((h) => [h.id, h]));
  if (next) for (const h of await placedHosts(client, [next])) hosts.set(h.id, h);
  return {
    action: "layout.write",
    resource: { type: "layout", id: layout.id, ownerId: layout.ownerId, hosts: [...hosts.values()] },
  };
}
