import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { ActionError } from "../server/action-error";
import type { DbClient } from "../queries/db";
import { findUserClash } from "../queries/users/find-user-clash";
import { insertPasswordUser } from "../queries/users/insert-password-user";
import type { Role } from "../vocabulary/access";

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
export async function createPasswordUser(tx: DbClient, user: NewUser): Promise<{ id: string }> {
  const field = await findUserClash(tx, user.email, user.username);
  if (field) {
    throw new ActionError(`A user with this ${field} already exists: choose another ${field}.`, {
      status: 409,
      fieldErrors: { [field]: [`already taken: choose another ${field}`] },
    });
  }
  const id = randomUUID();
  const passwordHash = await hashPassword(user.password);
  await insertPasswordUser(tx, { id, email: user.email, username: user.username, role: user.role, passwordHash });
  return { id };
}
