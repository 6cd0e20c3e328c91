import "server-only";
import { z } from "zod";
import { parseSelector } from "../../auth/can";
import { defineAction } from "../define-action";
import { ActionError } from "../../server/action-error";

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
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new ActionError(`User ${input.userId} does not exist: reload the page.`, { status: 404 });
    const existing = await tx.hostGrant.findUnique({
      where: { userId_selector: { userId: input.userId, selector: input.selector } },
    });
    if (existing) throw new ActionError(`The grant "${input.selector}" already exists for this user.`, { status: 409 });
    const grant = await tx.hostGrant.create({ data: { userId: input.userId, selector: input.selector } });
    return {
      data: { id: grant.id },
      audit: { targetType: "user", targetId: input.userId, after: { grant: input.selector } },
    };
  },
});

export const removeHostGrant = defineAction({
  name: "user.grant-remove",
  input: z.object({ grantId: z.string().min(1, "give the grant's id").max(64) }),
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const grant = await tx.hostGrant.findUnique({ where: { id: input.grantId } });
    if (!grant) throw new ActionError("This grant no longer exists: reload the page.", { status: 404 });
    await tx.hostGrant.delete({ where: { id: grant.id } });
    return {
      data: { id: grant.id },
      audit: { targetType: "user", targetId: grant.userId, before: { grant: grant.selector } },
    };
  },
});
