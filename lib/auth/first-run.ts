import "server-only";
import { z } from "zod";
import type { Actor } from "../vocabulary/access";
import { writeAudit } from "../queries/audit/write-audit-event";
import { db } from "../queries/db";
import { createSetting } from "../queries/settings/create-setting";
import { findSetting } from "../queries/settings/find-setting";
import { countUsers } from "../queries/users/count-users";
import { log } from "../server/log";
import { createPasswordUser, emailSchema, passwordSchema, usernameSchema, type NewUser } from "./users";

/** First run: while there is no user, the console asks for the first admin (or the environment seeds one). */

const MARKER = "auth.first-admin-created";

export async function hasAnyUser(): Promise<boolean> {
  return (await countUsers(db())) > 0;
}

export class FirstRunClosedError extends Error {
  constructor() {
    super("An administrator already exists: sign in instead.");
    this.name = "FirstRunClosedError";
  }
}

/** Creates the first admin, once: the setting row's primary key makes a second, concurrent setup fail. */
export async function createFirstAdmin(
  user: Omit<NewUser, "role">,
  ip: string | null,
  via: string,
): Promise<{ id: string }> {
  return db().$transaction(async (tx) => {
    if ((await countUsers(tx)) > 0 || (await findSetting(tx, MARKER)) !== null) throw new FirstRunClosedError();
    await createSetting(tx, MARKER, new Date().toISOString());
    const created = await createPasswordUser(tx, { ...user, role: "admin" });
    const actor: Actor = { kind: "user", userId: created.id, label: user.username, role: "admin", ip };
    await writeAudit(tx, actor, "auth.first-admin", {
      targetType: "user",
      targetId: created.id,
      after: { email: user.email, username: user.username, role: "admin", via },
    });
    return created;
  });
}

const seedSchema = z.object({
  FLEETDECK_ADMIN_EMAIL: emailSchema,
  FLEETDECK_ADMIN_PASSWORD: passwordSchema,
  FLEETDECK_ADMIN_USERNAME: usernameSchema.default("admin"),
});

let seeded: Promise<void> | undefined;

/** Headless install: FLEETDECK_ADMIN_EMAIL + FLEETDECK_ADMIN_PASSWORD create the first admin when there is none. */
export function seedAdminFromEnv(source: Record<string, string | undefined> = process.env): Promise<void> {
  seeded ??= (async () => {
    if (!source.FLEETDECK_ADMIN_EMAIL && !source.FLEETDECK_ADMIN_PASSWORD) return;
    const parsed = seedSchema.safeParse(source);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      log.error(`fleetdeck: ${String(issue.path[0])} is not usable (${issue.message}); no admin was created`);
      return;
    }
    if (await hasAnyUser()) return;
    const {
      FLEETDECK_ADMIN_EMAIL: email,
      FLEETDECK_ADMIN_PASSWORD: password,
      FLEETDECK_ADMIN_USERNAME: username,
    } = parsed.data;
    try {
      await createFirstAdmin({ email, username, password }, null, "environment");
      log.info({ email }, "first admin created from FLEETDECK_ADMIN_EMAIL");
    } catch (err) {
      if (!(err instanceof FirstRunClosedError)) throw err;
    }
  })();
  return seeded;
}
