import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { callAction } from "./http";
import { ensureUser, insertToken, person, queryOne } from "./people";

/**
 * Issue 11, item 9: a token stored with the old "write" scope meant apply, start and stop (the README said so),
 * yet it created layouts through the server actions. It keeps exactly that meaning: instances:operate.
 */

test("an old write token cannot create layouts or save revisions through server actions", async () => {
  const op = person("legacy-writer");
  await ensureUser(op, "operator", ["*"]);
  const token = insertToken(op.email, ["write"]);
  const name = `legacy-${randomUUID().slice(0, 8)}`;
  const r = await callAction(
    "lib/actions/layouts/create-layout.ts",
    { document: { name, hosts: [], instances: [] } },
    { token },
  );
  expect(r.result?.ok).toBe(false);
  expect(r.result?.error).toMatch(/layouts:write/);
  expect(queryOne("SELECT id FROM layout WHERE name = ?", name)).toBeUndefined();
});
