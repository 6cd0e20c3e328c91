"use server";

import { z } from "zod";
import { signInWithPassword } from "../../auth/sign-in";
import { definePublicAction } from "../define-public-action";

const signInInput = z.object({
  identifier: z.string().trim().min(1, "enter your email or username").max(254, "use at most 254 characters"),
  password: z.string().min(1, "enter your password").max(256, "use at most 256 characters"),
});

export const signIn = definePublicAction({
  name: "auth.sign-in",
  reason: "signing in is what an anonymous caller does; rate limited per account and per address",
  input: signInInput,
  run: async (input, { headers, ip }) => {
    const { userId } = await signInWithPassword(input.identifier, input.password, headers, ip);
    return { userId };
  },
});
