"use server";

import { z } from "zod";
import { createFirstAdmin, FirstRunClosedError } from "../../auth/first-run";
import { signInWithPassword } from "../../auth/sign-in";
import { emailSchema, passwordSchema, usernameSchema } from "../../auth/users";
import { ActionError } from "../../server/action-error";
import { definePublicAction } from "../define-public-action";

const setupInput = z.object({ email: emailSchema, username: usernameSchema, password: passwordSchema });

export const setupFirstAdmin = definePublicAction({
  name: "auth.first-admin",
  reason: "the first admin is created before anyone can sign in; refused once any user exists",
  input: setupInput,
  run: async (input, { headers, ip }) => {
    try {
      await createFirstAdmin(input, ip, "setup page");
    } catch (err) {
      if (err instanceof FirstRunClosedError) throw new ActionError(err.message, { status: 409 });
      throw err;
    }
    await signInWithPassword(input.email, input.password, headers, ip);
    return { created: true };
  },
});
