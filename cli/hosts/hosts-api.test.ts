import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteClient } from "../remote";
import { makeUser, sessionHeaders, tokenHeaders, useTestDatabase } from "../../lib/auth/testing/test-users";
import { testHosts } from "../../lib/runtime/testing/test-env";

/**
 * /api/v1/hosts through a real HTTP server serving the real route handlers over a real SQLite database: pages with
 * a cursor, never a secret, admins change hosts with their session, API tokens only read.
 */
const env = testHosts();
let server: Server;
let url = "";
let readToken = "";
let readHeaders: Headers;
let admin: Headers;

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

beforeAll(async () => {
  await useTestDatabase();
  const list = (await import("../../app/api/v1/hosts/route")) as unknown as Record<string, Handler>;
  const one = (await import("../../app/api/v1/hosts/[hostId]/route")) as unknown as Record<string, Handler>;
  server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const match = /^\/api\/v1\/hosts(?:\/([^/]+))?$/.exec(path);
    const handler = match && (match[1] ? one : list)[req.method ?? "GET"];
    if (!handler) return void res.writeHead(404).end("not found");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const params: Record<string, string> = match[1] ? { hostId: match[1] } : {};
    const response = await handler(request, { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const operator = await makeUser("operator", ["*"]);
  ({ token: readToken, headers: readHeaders } = await tokenHeaders(operator.id, ["read"]));
  admin = await sessionHeaders(await makeUser("admin"), url);
  const { db } = await import("../../lib/queries/db");
  await db().host.createMany({
    data: Array.from({ length: 104 }, (_, i) => ({ name: `h-${String(i).padStart(3, "0")}`, endpoint: "unix:///x" })),
  });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const call = (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, init);

describe("/api/v1/hosts", () => {
  it("pages with a cursor: 100 by default, at most 1000, every host once", async () => {
    const first = await (await call("/api/v1/hosts", { headers: readHeaders })).json();
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await (await call(`/api/v1/hosts?cursor=${first.nextCursor}`, { headers: readHeaders })).json();
    expect(rest.items.length + first.items.length).toBe(104);
    expect(rest.nextCursor).toBeNull();
    const tooMany = await call("/api/v1/hosts?limit=5000", { headers: readHeaders });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error).toMatch(/limit: got "5000": limit is at most 1000; page with nextCursor/);
    const all = await new RemoteClient({ url, token: readToken }).allHosts();
    expect(new Set(all.map((h) => h.name)).size).toBe(104);
  });

  it("an admin creates, reads and deletes a TLS host; nothing it returns holds a secret", async () => {
    const tls = { caPem: env.tls.caPem, certPem: env.tls.certPem, keyPem: env.tls.keyPem };
    const created = await call("/api/v1/hosts", {
      method: "POST",
      headers: { ...Object.fromEntries(admin), "content-type": "application/json" },
      body: JSON.stringify({ name: "tls-1", endpoint: { url: env.tls.url, tls }, labels: { team: "a" } }),
    });
    expect(created.status).toBe(200);
    const { id } = await created.json();
    const text = await (await call(`/api/v1/hosts/${id}`, { headers: readHeaders })).text();
    expect(JSON.parse(text)).toMatchObject({
      name: "tls-1",
      endpoint: env.tls.url,
      labels: { team: "a" },
      credentials: ["tls-ca", "tls-cert", "tls-key"],
      health: { status: "unknown" },
    });
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain("BEGIN CERTIFICATE");
    const deleted = await call(`/api/v1/hosts/${id}`, { method: "DELETE", headers: Object.fromEntries(admin) });
    expect(deleted.status).toBe(200);
    expect((await call(`/api/v1/hosts/${id}`, { headers: readHeaders })).status).toBe(404);
  });

  it("API tokens never manage hosts, whatever their owner's role", async () => {
    const owner = await makeUser("admin");
    const { headers } = await tokenHeaders(owner.id, ["read", "write"]);
    const refused = await call("/api/v1/hosts", {
      method: "POST",
      headers: { ...Object.fromEntries(headers), "content-type": "application/json" },
      body: JSON.stringify({ name: "t", endpoint: { url: env.docker } }),
    });
    expect(refused.status).toBe(403);
  });
});
