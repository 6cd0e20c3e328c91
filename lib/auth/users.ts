import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { ActionError } from "../server/action-error";
import type { ActionContext, Role } from "../actions/types";

/** Account fields, shared by first-run setup, the users page and the headless seed. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "use an email address such as ada@example.com" }));
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,40}$/, "use 2–40 letters, digits, '.', '_' or '-' (for example ada.lovelace)");
export const passwordSchema = z
  .string()
  .min(10, "use at least 10 characters (a passphrase of a few words is easy to remember)")
  .max(256, "use at most 256 characters");
export const roleSchema = z.enum(["admin", "operator", "viewer"], { message: "choose admin, operator or viewer" });

export interface NewUser {
  email: string;
  username: string;
  password: string;
  role: Role;
}

/**
 * Creates a user with a password, the way better-auth stores one (a "credential" account holding the
 * scrypt hash), inside the caller's transaction so the audit row commits with it.
 */
export async function createPasswordUser(tx: ActionContext["tx"], user: NewUser): Promise<{ id: string }> {
  const clash = await tx.user.findFirst({
    where: { OR: [{ email: user.email }, { username: user.username.toLowerCase() }] },
    select: { email: true },
  });
  if (clash) {
    const field = clash.email === user.email ? "email" : "username";
    throw new ActionError(`A user with this ${field} already exists: choose another ${field}.`, {
      status: 409,
      fieldErrors: { [field]: [`already taken: choose another ${field}`] },
    });
  }
  const id = randomUUID();
  const hash = await hashPassword(user.password);
  await tx.user.create({
    data: {
      id,
      name: user.username,
      email: user.email,
      emailVerified: false,
      username: user.username.toLowerCase(),
      displayUsername: user.username,
      role: user.role,
    },
  });
  await tx.account.create({
    data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash },
  });
  return { id };
}
