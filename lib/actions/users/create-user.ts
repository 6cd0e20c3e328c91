"use server";

import { z } from "zod";
import { createPasswordUser, emailSchema, passwordSchema, roleSchema, usernameSchema } from "../../auth/users";
import { defineAction } from "../define-action";

export const createUser = defineAction({
  name: "user.create",
  input: z.object({ email: emailSchema, username: usernameSchema, password: passwordSchema, role: roleSchema }),
  authorize: () => ({ action: "user.manage", resource: { type: "global" } }),
  run: async (input, { tx }) => {
    const { id } = await createPasswordUser(tx, input);
    return {
      data: { id },
      audit: {
        targetType: "user",
        targetId: id,
        targetLabel: input.username,
        after: { email: input.email, username: input.username, role: input.role },
      },
    };
  },
});
