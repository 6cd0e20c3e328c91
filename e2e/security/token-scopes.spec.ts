import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN } from "../auth/accounts";
import { seedFleet, type Seeded } from "../auth/seed";
import { createToken } from "./cli-token";
import { api, callAction } from "./http";
import { ensureUser, person } from "./people";

/**
 * Issue 11, item 9 and issue 15, item 17: each token scope allows exactly what it says, through the API and through
 * the server actions alike. Tokens are made the headless way: `npm run --silent cli -- admin create-token` on the
 * server's own database, as automation that has no browser would.
 */

test.describe.configure({ mode: "serial" });

const OP = person("scope-op");
let fleet: Seeded;

const doc = (name: string) => ({ name, hosts: [], instances: [] });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fleet = seedFleet(`scopes-${Date.now().toString(36)}`);
  await ensureUser(OP, "operator", ["team=a"]);
});

test("read: reads everything, changes nothing", async () => {
  const token = createToken(OP.username, ["read"]);
  expect((await api("GET", "/api/v1/layouts", { token })).status).toBe(200);
  expect((await api("GET", `/api/v1/revisions/${fleet.revisions.a}`, { token })).status).toBe(200);
  expect((await api("POST", "/api/v1/layouts", { token }, { document: doc("r") })).status).toBe(403);
  expect((await api("POST", `/api/v1/revisions/${fleet.revisions.a}/apply`, { token })).status).toBe(403);
  expect((await api("GET", "/api/v1/tokens", { token })).status).toBe(403);
});

test("layouts:write: creates, saves, renames, duplicates and archives layouts; applies nothing, reads nothing", async () => {
  const token = createToken(OP.username, ["layouts:write"]);
  const made = await api("POST", "/api/v1/layouts", { token }, { document: doc(`lw-${randomUUID().slice(0, 6)}`) });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const id = made.json.id;
  expect(
    (await api("POST", `/api/v1/layouts/${id}/revisions`, { token }, { document: doc("lw-2"), baseNumber: 1 })).status,
  ).toBe(200);
  expect((await api("PATCH", `/api/v1/layouts/${id}`, { token }, { name: "lw-renamed" })).json).toMatchObject({
    name: "lw-renamed",
    number: 3,
  });
  expect((await api("POST", `/api/v1/layouts/${id}/archive`, { token })).status).toBe(200);
  // Through a server action too, as the UI would.
  const viaAction = await callAction("lib/actions/layouts/create-layout.ts", { document: doc("lw-action") }, { token });
  expect(viaAction.result?.ok, viaAction.result?.error).toBe(true);
  expect((await api("GET", "/api/v1/layouts", { token })).status).toBe(403);
  const apply = await api("POST", `/api/v1/revisions/${fleet.revisions.a}/apply`, { token });
  expect(apply.status).toBe(403);
  expect(apply.json.error).toMatch(/needs the "instances:operate" scope/);
});

test("instances:operate: applies and stops on the operator's hosts; designs nothing", async () => {
  const token = createToken(OP.username, ["instances:operate"]);
  const applied = await api("POST", `/api/v1/revisions/${fleet.revisions.a}/apply`, { token });
  expect(applied.status, JSON.stringify(applied.json)).toBe(200);
  expect((await api("POST", `/api/v1/revisions/${fleet.revisions.b}/apply`, { token })).status).toBe(403);
  const made = await api("POST", "/api/v1/layouts", { token }, { document: doc("io") });
  expect(made.status).toBe(403);
  expect(made.json.error).toMatch(/needs the "layouts:write" scope/);
  const viaAction = await callAction("lib/actions/layouts/create-layout.ts", { document: doc("io-action") }, { token });
  expect(viaAction.result?.ok).toBe(false);
});

test("users:manage (an admin's): manages users and nothing else", async () => {
  const token = createToken(ADMIN.username, ["users:manage"]);
  const page = (await api("GET", "/api/v1/users?limit=1", { token })).json;
  expect(page.items).toHaveLength(1); // there are at least the admin and OP: one per page, and a next page
  expect(page.nextCursor).toEqual(expect.any(String));
  const who = person(`api-made-${randomUUID().slice(0, 6)}`);
  const made = await api("POST", "/api/v1/users", { token }, { ...who, role: "viewer" });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  expect((await api("POST", `/api/v1/users/${made.json.id}/disable`, { token })).json).toMatchObject({
    disabled: true,
  });
  expect((await api("DELETE", `/api/v1/users/${made.json.id}`, { token })).json).toMatchObject({ deleted: true });
  expect((await api("GET", "/api/v1/layouts", { token })).status).toBe(403);
  expect((await api("GET", "/api/v1/tokens", { token })).status).toBe(403);
});

test("tokens:manage: makes and revokes tokens, never with a scope it lacks", async () => {
  const token = createToken(OP.username, ["tokens:manage"]);
  const wider = await api("POST", "/api/v1/tokens", { token }, { name: "wider", scopes: ["read"], expiresInDays: 1 });
  expect(wider.status).toBe(422);
  expect(wider.json.error).toMatch(/only create tokens with its own scopes/);
  const same = await api(
    "POST",
    "/api/v1/tokens",
    { token },
    { name: "same", scopes: ["tokens:manage"], expiresInDays: 1 },
  );
  expect(same.status).toBe(200);
  expect((await api("POST", `/api/v1/tokens/${same.json.id}/revoke`, { token })).status).toBe(200);
  expect((await api("GET", "/api/v1/tokens", { token })).status).toBe(200);
  expect((await api("GET", "/api/v1/layouts", { token })).status).toBe(403);
});

test("hosts:manage and users:manage are admins' scopes: an operator cannot get one", () => {
  for (const scope of ["hosts:manage", "users:manage"]) {
    expect(() => createToken(OP.username, [scope])).toThrow(/need an admin/);
  }
  const hosts = createToken(ADMIN.username, ["hosts:manage"]);
  expect(hosts).toMatch(/^fd_/);
});

test("no token manages secrets, whatever its scopes", async () => {
  const token = createToken(ADMIN.username, [
    "read",
    "layouts:write",
    "instances:operate",
    "users:manage",
    "tokens:manage",
  ]);
  const r = await callAction("lib/actions/secrets/save-secret.ts", { name: "x", kind: "other", value: "v" }, { token });
  expect(r.result?.ok).toBe(false);
  expect(r.result?.error).toMatch(/API tokens can't do secret\.manage/);
});
