/**
 * Runs the hosts server actions on the local database (DATABASE_URL, default ./data/fleetdeck.db), as the server
 * would for an admin: same zod inputs, same checks, same audit rows (actor "cli (<user>, local database)"). Whoever
 * can open the database and its secret already holds every host's credentials, so no sign-in is asked.
 */
import os from "node:os";
import type { z } from "zod";
import { executeAction, specOf } from "../../lib/actions/define-action";
import type { ActionSpec, ServerAction } from "../../lib/actions/types";
import { migrate } from "../../lib/migrations";
import { env } from "../../lib/server/env";
import type { Actor } from "../../lib/vocabulary/access";

const actor: Actor = {
  kind: "user",
  userId: "cli",
  label: `cli (${os.userInfo().username}, local database)`,
  role: "admin",
  ip: null,
};

let migrated: Promise<unknown> | undefined;

export type LocalResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Runs a server action (or a read endpoint's spec) with the local admin actor; migrates the database first. */
export async function runLocally<S extends z.ZodType, T, P>(
  action: ServerAction<T> | ActionSpec<S, T, P>,
  input: unknown,
): Promise<LocalResult<T>> {
  migrated ??= migrate(env().DATABASE_URL);
  await migrated;
  const spec = typeof action === "function" ? specOf(action) : (action as unknown as ActionSpec<z.ZodType, T, unknown>);
  if (!spec) throw new Error("runLocally: not a defineAction action");
  const { status: _status, ...result } = await executeAction(spec)(input, actor);
  return result as LocalResult<T>;
}
