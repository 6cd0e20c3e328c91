import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN } from "../auth/accounts";
import { createToken } from "./cli-token";
import { api } from "./http";
import { ensureUser, person } from "./people";

/**
 * Issue 15, item 17: a script does over /api/v1 what the UI does — designs a layout, reads a revision's budget and
 * findings, manages hosts — each with the scope it needs, and bad input is a 4xx naming the field (issue 11).
 */

test.describe.configure({ mode: "serial" });

const OP = person("api-cov-op");
const tag = () => randomUUID().slice(0, 6);

const placed = (name: string, model: string) => ({
  name,
  hosts: [
    {
      id: "h1",
      name: `api-cov-${name}`,
      gpus: [{ index: 0, gpuId: "h100-sxm-80gb" }],
      ramBytes: 256 * 2 ** 30,
      cpuCores: 32,
    },
  ],
  instances: [{ id: "q1", engine: "vllm", model, placement: { hostId: "h1", gpuIndices: [0] } }],
});

test.beforeAll(async () => {
  await ensureUser(OP, "operator", ["team=a"]);
});

test("a script designs a layout and reads each revision's document, budget and findings", async () => {
  const write = createToken(OP.username, ["layouts:write"]);
  const read = createToken(OP.username, ["read"]);
  const name = `cov-${tag()}`;
  const made = await api(
    "POST",
    "/api/v1/layouts",
    { token: write },
    { document: placed(name, "Qwen/Qwen2.5-7B-Instruct") },
  );
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const saved = await api(
    "POST",
    `/api/v1/layouts/${made.json.id}/revisions`,
    { token: write },
    { document: placed(name, "nobody/no-such-model-7b"), baseNumber: 1, note: "unknown model" },
  );
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);

  const layout = await api("GET", `/api/v1/layouts/${made.json.id}`, { token: read });
  expect(layout.json).toMatchObject({ id: made.json.id, name, ownerId: expect.any(String), latestNumber: 2 });
  const revisions = await api("GET", `/api/v1/layouts/${made.json.id}/revisions`, { token: read });
  expect(revisions.json.items.map((r: { number: number }) => r.number)).toEqual([2, 1]);
  const [second, first] = revisions.json.items as { id: string }[];

  const good = await api("GET", `/api/v1/revisions/${first!.id}`, { token: read });
  expect(good.status).toBe(200);
  expect(good.json.budget.instances.q1).toBeDefined();
  expect(good.json.budget.gpus.length).toBeGreaterThan(0);
  expect(good.json.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
  const bad = await api("GET", `/api/v1/revisions/${second!.id}`, { token: read });
  expect(bad.json).toMatchObject({ number: 2, note: "unknown model" });
  expect(bad.json.findings.map((f: { code: string }) => f.code)).toContain("budget.unknown-model");

  // The write token reads nothing; the read token writes nothing.
  expect((await api("GET", `/api/v1/revisions/${first!.id}`, { token: write })).status).toBe(403);
  const refused = await api("POST", `/api/v1/layouts/${made.json.id}/revisions`, { token: read }, { baseNumber: 2 });
  expect(refused.status).toBe(403);
  // A stale base is a conflict, not an overwrite.
  const stale = await api(
    "POST",
    `/api/v1/layouts/${made.json.id}/revisions`,
    { token: write },
    { document: placed(name, "Qwen/Qwen2.5-7B-Instruct"), baseNumber: 1 },
  );
  expect(stale.status).toBe(409);
});

test("hosts: everyone with read lists them; only an admin's hosts:manage token changes them", async () => {
  const admin = createToken(ADMIN.username, ["hosts:manage"]);
  const read = createToken(OP.username, ["read"]);
  const operator = createToken(OP.username, ["read", "layouts:write", "instances:operate", "tokens:manage"]);
  const name = `sim-${tag()}`;

  const denied = await api("POST", "/api/v1/hosts", { token: operator }, { kind: "local-sim", name });
  expect(denied.status).toBe(403);
  expect(denied.json.error).toMatch(/needs the "hosts:manage" scope/);

  const added = await api(
    "POST",
    "/api/v1/hosts",
    { token: admin },
    { kind: "local-sim", name, labels: { team: "a" } },
  );
  expect(added.status, JSON.stringify(added.json)).toBe(200);
  const id = added.json.id as string;
  const again = await api("POST", "/api/v1/hosts", { token: admin }, { kind: "local-sim", name });
  expect(again.status).toBe(409);

  const listed = await api("GET", "/api/v1/hosts?limit=1000", { token: read });
  expect(listed.status).toBe(200);
  expect(listed.json.items.map((h: { name: string }) => h.name)).toContain(name);
  expect((await api("GET", `/api/v1/hosts/${id}`, { token: read })).json).toMatchObject({
    name,
    labels: { team: "a" },
  });
  expect((await api("GET", "/api/v1/hosts", { token: admin })).status).toBe(403); // hosts:manage alone reads nothing

  const edited = await api("PATCH", `/api/v1/hosts/${id}`, { token: admin }, { labels: { team: "b" } });
  expect(edited.status, JSON.stringify(edited.json)).toBe(200);
  expect((await api("GET", `/api/v1/hosts/${id}`, { token: read })).json.labels).toEqual({ team: "b" });
  expect((await api("PATCH", `/api/v1/hosts/${id}`, { token: operator }, { labels: {} })).status).toBe(403);

  expect((await api("DELETE", `/api/v1/hosts/${id}`, { token: admin })).status).toBe(200);
  expect((await api("GET", `/api/v1/hosts/${id}`, { token: read })).status).toBe(404);
});

test("bad input to the host routes is a 4xx that names the field, never a 500", async () => {
  const admin = createToken(ADMIN.username, ["read", "hosts:manage"]);
  const cases: [string, string, unknown, number, RegExp][] = [
    ["POST", "/api/v1/hosts", { kind: "docker", name: "x", endpoint: { url: "ftp://x" } }, 422, /endpoint/],
    ["POST", "/api/v1/hosts", { kind: "local-sim", name: "" }, 422, /name/],
    ["POST", "/api/v1/hosts", { kind: "local-sim", name: "ok", labels: { "bad key!": "v" } }, 422, /label/],
    ["POST", "/api/v1/hosts", [1, 2], 422, /./],
    ["GET", "/api/v1/hosts?limit=5000", undefined, 422, /limit/],
    ["GET", "/api/v1/hosts?limit=abc", undefined, 422, /limit/],
    ["GET", `/api/v1/hosts/${"9".repeat(30)}`, undefined, 404, /GET \/api\/v1\/hosts lists them/],
    ["PUT", `/api/v1/hosts/${"9".repeat(30)}/declared-gpus`, { declaredGpus: { count: -1 } }, 422, /declaredGpus/],
    ["POST", `/api/v1/hosts/${"9".repeat(30)}/test`, {}, 404, /./],
    ["POST", `/api/v1/hosts/${"9".repeat(30)}/discover`, {}, 404, /./],
    ["DELETE", "/api/v1/hosts/%00", undefined, 422, /hostId: contains a NUL character/],
  ];
  for (const [method, path, body, status, message] of cases) {
    const r = await api(method, path, { token: admin }, body);
    expect(r.status, `${method} ${path} → ${JSON.stringify(r.json)}`).toBe(status);
    expect(JSON.stringify(r.json)).toMatch(message);
  }
});
