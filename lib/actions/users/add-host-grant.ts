"use server";

import { z } from "zod";
import { parseSelector } from "../../auth/can";
import { createHostGrant } from "../../queries/grants/create-host-grant";
import { findHostGrant } from "../../queries/grants/find-host-grant";
import { findUser } from "../../queries/users/find-user";
import { ActionError } from "../../server/action-error";
import { defineAction } from "../define-action";

const selectorSchema = z
  .string()
  .trim()
  .refine((s) => parseSelector(s) !== null, {
    message: 'use "*" (every host) or key=value pairs such as team=a or team=a,zone=eu',
  });

export const addHostGrant = defineAction({
  name: "user.grant-add",
  input: z.object({ userId: z.string().min(1, "give the user's id").max(64), selector: selectorSchema }),
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const user = await findUser(tx, input.userId);
    if (!user) throw new ActionError(`User ${input.userId} does not exist: reload the page.`, { status: 404 });
    const existing = await findHostGrant(tx, { userId: input.userId, selector: input.selector });
    if (existing) throw new ActionError(`The grant "${input.selector}" already exists for this user.`, { status: 409 });
    const grant = await createHostGrant(tx, input.userId, input.selector);
    return {
      data: { id: grant.id },
      audit: {
        targetType: "user",
        targetId: input.userId,
        targetLabel: user.username ?? user.email,
        after: { grant: input.selector },
      },
    };
  },
});
