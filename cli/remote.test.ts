import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { networkInterfaces } from "node:os";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, tokenHeaders, useTestDatabase } from "../lib/auth/testing/test-users";
import { RemoteClient, RemoteError, run } from "./remote";

/**
 * The CLI against a real HTTP server serving the real /api/v1 route handlers over a real SQLite database.
 */

let server: Server;
let url = "";
let writeToken = "";
let readToken = "";
let revisionId = "";

beforeAll(async () => {
  await useTestDatabase();
  const routes: [
    RegExp,
    string,
    Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>,
  ][] = [
    [/^\/api\/v1\/layouts$/, "", await import("../app/api/v1/layouts/route")],
    [/^\/api\/v1\/instances$/, "", await import("../app/api/v1/instances/route")],
    [
      /^\/api\/v1\/revisions\/([^/]+)\/apply$/,
      "revisionId",
      await import("../app/api/v1/revisions/[revisionId]/apply/route"),
    ],
  ];
  server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    for (const [re, param, mod] of routes) {
      const m = re.exec(path);
      const handler = m && mod[req.method ?? "GET"];
      if (!handler) continue;
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
      });
      const response = await handler(request, { params: Promise.resolve(param ? { [param]: m[1]! } : {}) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
      return;
    }
    res.writeHead(404).end("not found");
  });
  await new Promise<void>((r) => server.listen(0, "0.0.0.0", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { db } = await import("../lib/queries/db");
  const host = await db().host.create({ data: { name: "gpu-1", endpoint: "unix:///x", labels: '{"team":"a"}' } });
  const doc = {
    name: "p",
    hosts: [{ id: "gpu-1", name: "gpu-1", gpus: [{ index: 0, gpuId: "h100" }], ramBytes: 1, cpuCores: 1 }],
    instances: [{ id: "q", engine: "vllm", model: "m", placement: { hostId: "gpu-1", gpuIndices: [0] } }],
  };
  const layout = await db().layout.create({
    data: { name: "p", revisions: { create: { number: 1, document: JSON.stringify(doc) } } },
    include: { revisions: true },
  });
  revisionId = layout.revisions[0]!.id;
  expect(host.id).toBeTruthy();
  const op = await makeUser("operator", ["team=a"]);
  writeToken = (await tokenHeaders(op.id, ["read", "instances:operate"])).token;
  readToken = (await tokenHeaders(op.id, ["read"])).token;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("fleetdeck remote", () => {
  it("lists layouts and applies a revision with a write token", async () => {
    const client = new RemoteClient({ url, token: writeToken });
    expect(await client.layouts()).toEqual([expect.objectContaining({ name: "p", revisionCount: 1 })]);
    expect(await client.call("GET", "/api/v1/layouts?limit=1001").catch((e) => e.status)).toBe(422);
    expect(await client.apply(revisionId)).toMatchObject({ applied: [{ instanceKey: "q", hostName: "gpu-1" }] });
    expect(await client.instances()).toEqual([expect.objectContaining({ instanceKey: "q", desiredState: "running" })]);
  });

  it("reports a refusal with the server's message and exit code 3", async () => {
    const client = new RemoteClient({ url, token: readToken });
    await expect(client.apply(revisionId)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("read-only"),
    });
    const printed: string[] = [];
    expect(
      await run(["apply", revisionId], { FLEETDECK_URL: url, FLEETDECK_TOKEN: readToken }, (s) => printed.push(s)),
    ).toBe(3);
    expect(await run(["instances"], { FLEETDECK_URL: url, FLEETDECK_TOKEN: readToken }, (s) => printed.push(s))).toBe(
      0,
    );
    expect(JSON.parse(printed.at(-1)!)).toHaveLength(1);
  });

  it("warns on stderr when the real CLI sends a token over plain http to a host that is not this machine's loopback", async () => {
    const port = new URL(url).port;
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === "IPv4")?.address;
    expect(lan, "this test needs one non-loopback IPv4 address").toBeDefined();
    // Asynchronously: the server answering the CLI runs in this process.
    const cli = (target: string) =>
      new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ["--import", "tsx", "cli/index.ts", "remote", "instances"],
          { env: { ...process.env, FLEETDECK_URL: target, FLEETDECK_TOKEN: readToken } },
          (err, _stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
        ),
      );
    const remote = await cli(`http://${lan}:${port}`);
    expect(remote.code).toBe(0);
    expect(remote.stderr).toContain(`sending your API token over plain http to ${lan}`);
    const local = await cli(`http://127.0.0.1:${port}`);
    expect(local.code).toBe(0);
    expect(local.stderr).not.toContain("plain http");
  });

  it("refuses a malformed token or URL before sending anything", () => {
    expect(() => new RemoteClient({ url, token: "abc" })).toThrow(RemoteError);
    expect(() => new RemoteClient({ url: "fleet.example.com", token: writeToken })).toThrow(/not an http\(s\) URL/);
  });
});
