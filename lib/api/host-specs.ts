import "server-only";
import type { z } from "zod";
import { hostIdInput, listHostsInput } from "../actions/hosts/inputs";
import type { ActionSpec } from "../actions/types";
import { findHost } from "../queries/hosts/find-host";
import { listHostsPage } from "../queries/hosts/list-hosts-page";
import { ActionError } from "../server/action-error";
import { type HostOut, type hostPageOut, toHostOut } from "./host-out";

export const listHostsSpec = {
  name: "api.hosts.list",
  input: listHostsInput,
  readOnly: true,
  authorize: () => ({ action: "fleet.read", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const page = await listHostsPage(tx, input);
    return { data: { items: page.items.map(toHostOut), nextCursor: page.nextCursor } };
  },
} satisfies ActionSpec<typeof listHostsInput, z.infer<typeof hostPageOut>>;

export const getHostSpec = {
  name: "api.hosts.get",
  input: hostIdInput,
  readOnly: true,
  authorize: () => ({ action: "fleet.read", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const host = await findHost(tx, input.hostId);
    if (!host)
      throw new ActionError(`There is no host ${input.hostId}: GET /api/v1/hosts lists them.`, { status: 404 });
    return { data: toHostOut(host) };
  },
} satisfies ActionSpec<typeof hostIdInput, HostOut>;
