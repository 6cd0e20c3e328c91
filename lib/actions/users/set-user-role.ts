import "server-only";
import { z } from "zod";
import { roleSchema } from "../../auth/users";
import { defineAction } from "../define-action";
import { ActionError } from "../../server/action-error";

export const setUserRole = defineAction({
  name: "user.set-role",
  input: z.object({ userId: z.string().min(1, "give the user's id").max(64), role: roleSchema }),
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new ActionError(`User ${input.userId} does not exist: reload the page.`, { status: 404 });
    if (
      user.role === "admin" &&
      input.role !== "admin" &&
      (await tx.user.count({ where: { role: "admin", banned: { not: true } } })) <= 1
    ) {
      throw new ActionError("This is the last admin: make someone else an admin first.", { status: 409 });
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    return {
      data: { id: user.id, role: input.role },
      audit: { targetType: "user", targetId: user.id, before: { role: user.role }, after: { role: input.role } },
    };
  },
});
