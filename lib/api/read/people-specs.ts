import "server-only";
import { z } from "zod";
import type { ActionSpec } from "../../actions/types";
import { listTokensPage } from "../../queries/tokens/list-tokens";
import { listUsersPage } from "../../queries/users/list-users";
import { pageInput, pageOut, pageRequest, toPage } from "../paginate";

/** GET /api/v1/users (admins, or a users:manage token) and GET /api/v1/tokens (your own; an admin sees all). */

export const userOut = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  grants: z.array(z.object({ id: z.string(), selector: z.string() })),
  createdAt: z.string(),
});
const usersPage = pageOut(userOut);

export const listUsersSpec = {
  name: "api.users.list",
  input: pageInput,
  readOnly: true,
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => ({
    data: toPage(await listUsersPage(tx, pageRequest(input)), (u) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
    })),
  }),
} satisfies ActionSpec<typeof pageInput, z.infer<typeof usersPage>>;

export const tokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  owner: z.string(),
  scopes: z.array(z.string()),
  state: z.enum(["active", "expired", "revoked"]),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
const tokensPage = pageOut(tokenOut);

export const listTokensSpec = {
  name: "api.tokens.list",
  input: pageInput,
  readOnly: true,
  authorize: () => ({ action: "token.manage", resource: { type: "global" } }),
  run: async (input, { actor, tx }) => ({
    data: toPage(await listTokensPage(tx, actor, pageRequest(input)), (t) => ({
      ...t,
      expiresAt: t.expiresAt?.toISOString() ?? null,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
    })),
  }),
} satisfies ActionSpec<typeof pageInput, z.infer<typeof tokensPage>>;
