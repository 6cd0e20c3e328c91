"use server";

import { z } from "zod";
import { signOutSession } from "../../auth/sign-in";
import { definePublicAction } from "../define-public-action";

export const signOut = definePublicAction({
  name: "auth.sign-out",
  reason: "ends the caller's own session; without a session it does nothing",
  input: z.object({}).optional(),
  run: async (_input, { headers }) => {
    await signOutSession(headers);
    return { signedOut: true };
  },
});
