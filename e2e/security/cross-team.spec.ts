import { expect, test } from "@playwright/test";
import { document, seedFleet, seedRevision, type Seeded } from "../auth/seed";
import { adminCookie, api, callAction, signInCookie } from "./http";
import { ensureUser, insertToken, person, queryOne } from "./people";

/**
 * Issue 11, item 1: operator A (grant team=a) must not take team B's instance. The tester saved a revision of
 * B's layout that put B's instance on an A host and applied it with a write token; the instance left B's host.
 */

test.describe.configure({ mode: "serial" });

const OP_A = person("xteam-op-a");
let fleet: Seeded;
let opCookie = "";
let opToken = "";

function hostOfInstance(key: string, team: "a" | "b"): string | undefined {
  return queryOne<{ hostId: string }>(
    "SELECT hostId FROM instance WHERE instanceKey = ? AND layoutId = ?",
    key,
    fleet.layoutIds[team],
  )?.hostId;
}

test.beforeAll(async () => {
  fleet = seedFleet("xteam");
  const applied = await callAction(
    "lib/actions/instances/apply-revision.ts",
    { revisionId: fleet.revisions.b },
    { cookie: adminCookie(), page: "/instances" },
  );
  expect(applied.result?.ok, applied.result?.error).toBe(true);
  expect(hostOfInstance("qwen-b", "b")).toBe(fleet.hosts.b);
  await ensureUser(OP_A, "operator", ["team=a"]);
  opCookie = await signInCookie(OP_A.username, OP_A.password);
  // Stored as an older release stored a "write" token: it meant apply, start and stop.
  opToken = insertToken(OP_A.email, ["read", "write"]);
});

test("an operator may not save a revision of another team's layout", async () => {
  const moved = JSON.parse(document("plan-b-xteam", "gpu-a-xteam", { team: "a" }, "qwen-b"));
  const r = await callAction(
    "lib/actions/layouts/save-revision.ts",
    { layoutId: fleet.layoutIds.b, document: moved, note: "take it" },
    { cookie: opCookie, page: `/layouts/${fleet.layoutIds.b}` },
  );
  expect(r.status).toBeLessThan(500);
  expect(r.result?.ok).toBe(false);
  expect(r.result?.error).toMatch(/gpu-b-xteam|owner|grants/);
  expect(
    queryOne<{ n: number }>("SELECT COUNT(*) AS n FROM layout_revision WHERE layoutId = ?", fleet.layoutIds.b)?.n,
  ).toBe(1);
});

test("applying a revision that moves another team's instance onto the operator's host is refused", async () => {
  // A revision of B's layout that moves qwen-b to gpu-a (saved by B's owner, say): applying it stops qwen-b on gpu-b.
  const revisionId = seedRevision(
    fleet.layoutIds.b!,
    2,
    document("plan-b-xteam", "gpu-a-xteam", { team: "a" }, "qwen-b"),
  );
  const r = await api("POST", `/api/v1/revisions/${revisionId}/apply`, { token: opToken });
  expect(r.status).toBe(403);
  expect(r.json.error).toMatch(/gpu-b-xteam/);
  expect(hostOfInstance("qwen-b", "b")).toBe(fleet.hosts.b);
});

test("the same operator still saves and applies on their own team's layout", async () => {
  const doc = JSON.parse(document("plan-a-xteam", "gpu-a-xteam", { team: "a" }, "qwen-a"));
  const saved = await callAction(
    "lib/actions/layouts/save-revision.ts",
    { layoutId: fleet.layoutIds.a, document: { ...doc, name: "plan-a-xteam" }, note: "mine" },
    { cookie: opCookie, page: `/layouts/${fleet.layoutIds.a}` },
  );
  expect(saved.result?.ok, saved.result?.error).toBe(true);
  const applied = await api("POST", `/api/v1/revisions/${fleet.revisions.a}/apply`, { token: opToken });
  expect(applied.status, JSON.stringify(applied.json)).toBe(200);
  expect(hostOfInstance("qwen-a", "a")).toBe(fleet.hosts.a);
});
