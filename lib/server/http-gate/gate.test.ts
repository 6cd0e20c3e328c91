import { describe, expect, it } from "vitest";
import { actionBodyProblem } from "./action-body";
import { CLIENT_IP_HEADER, clientIp } from "./client-headers";
import { hstsHeader, refuseRequest } from "./gate-request";
import { exceedsNesting } from "./json-depth";
import { resolveClient } from "./resolve-client";
import { trustedProxies } from "./trusted-proxies";

const none = trustedProxies([]);
const proxy = trustedProxies(["10.0.0.5", "10.1.0.0/16", "::1"]);

describe("who is calling", () => {
  it("without trusted proxies, the socket's peer, whatever the headers say", () => {
    const headers = {
      host: "fleet.example.com",
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    };
    expect(resolveClient("::ffff:192.0.2.9", false, headers, none)).toEqual({
      ip: "192.0.2.9",
      proto: "http",
      host: "fleet.example.com",
    });
  });

  it("from a trusted proxy, the right-most address that is not a proxy, and the proxy's host and scheme", () => {
    const headers = {
      host: "10.0.0.5:3000",
      "x-forwarded-for": "203.0.113.7, 198.51.100.1, 10.1.2.3",
      "x-forwarded-host": "fleet.example.com",
      "x-forwarded-proto": "https",
    };
    expect(resolveClient("10.0.0.5", false, headers, proxy)).toEqual({
      ip: "198.51.100.1",
      proto: "https",
      host: "fleet.example.com",
    });
    expect(resolveClient("::1", false, { host: "h", "x-forwarded-for": "garbage, 10.1.0.9" }, proxy).ip).toBe(
      "10.1.0.9",
    );
    expect(resolveClient("10.0.0.5", false, { host: "h", "x-forwarded-host": "a b" }, proxy).host).toBe("h");
  });

  it("believes the internal headers only behind the gate", () => {
    const headers = new Headers({ [CLIENT_IP_HEADER]: "192.0.2.1" });
    const before = process.env.FLEETDECK_GATE;
    delete process.env.FLEETDECK_GATE;
    expect(clientIp(headers)).toBeNull();
    process.env.FLEETDECK_GATE = "1";
    expect(clientIp(headers)).toBe("192.0.2.1");
    if (before === undefined) delete process.env.FLEETDECK_GATE;
    else process.env.FLEETDECK_GATE = before;
  });
});

describe("what the gate refuses", () => {
  const client = { ip: "192.0.2.1", proto: "http" as const, host: "fleet.example.com" };
  const config = { maxBodyBytes: 1_048_576, allowedOrigins: ["proxy.example.com"] };
  const refuse = (method: string, url: string, headers: Record<string, string>) =>
    refuseRequest(method, url, headers, client, config)?.status ?? null;

  it.each([
    ["TRACE", "/fleet", {}, 405],
    ["PROPFIND", "/fleet", {}, 405],
    ["POST", "/fleet", { "transfer-encoding": "chunked", origin: "http://fleet.example.com" }, 411],
    ["POST", "/fleet", { "content-length": "1048577", origin: "http://fleet.example.com" }, 413],
    ["POST", "/fleet", {}, 403],
    ["POST", "/fleet", { origin: "null" }, 403],
    ["POST", "/fleet", { origin: "http://[bad" }, 403],
    ["POST", "/fleet", { origin: "https://evil.example" }, 403],
    ["DELETE", "/layouts/x", { origin: "javascript:alert(1)" }, 403],
    ["POST", "/fleet", { origin: "http://fleet.example.com", "next-action": "a" }, null],
    ["POST", "/fleet", { origin: "https://proxy.example.com", "next-action": "a" }, null],
    ["POST", "/fleet", { origin: "http://fleet.example.com" }, 405],
    ["POST", "/api/v1/layouts", {}, null],
    ["GET", "/fleet", {}, null],
  ] as const)("%s %s %o → %s", (method, url, headers, status) => {
    expect(refuse(method, url, headers)).toBe(status);
  });

  it("HSTS over https only", () => {
    expect(hstsHeader(client, undefined)).toBeNull();
    expect(hstsHeader({ ...client, proto: "https" }, undefined)).toMatch(/^max-age=31536000/);
    expect(hstsHeader(client, "https://fleet.example.com")).toMatch(/^max-age=/);
  });

  it("measures nesting outside strings and stops early", () => {
    expect(exceedsNesting(`[${"[".repeat(4000)}${"]".repeat(4000)}]`, 64)).toBe(true);
    expect(
      exceedsNesting(
        JSON.stringify([{ a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" }]),
        64,
      ),
    ).toBe(false);
    expect(exceedsNesting(JSON.stringify({ s: 'a\\"[[[' }), 2)).toBe(false);
  });
});

describe("server-action bodies", () => {
  it.each([
    ["text/plain;charset=UTF-8", '[{"name":"a","note":"$$price"}]', null],
    ["text/plain", '[{"baseNumber":"$undefined","at":"$D2020-01-01","n":"$n12","x":"$NaN"}]', null],
    ["multipart/form-data; boundary=x", "--x--", 415],
    ["text/plain", "{}", 400],
    ["text/plain", "[1,", 400],
    ["text/plain", `[${"[".repeat(100)}${"]".repeat(100)}]`, 400],
    ["text/plain", '[{"ramBytes":"$R0"}]', 400],
    ["text/plain", '["$@1"]', 400],
    ["text/plain", '[{"a":["$K1"]}]', 400],
    ["text/plain", '["$h0"]', 400],
    ["text/plain", '["$1"]', 400],
  ] as const)("%s %s → %s", (type, body, status) => {
    expect(actionBodyProblem(type, body)?.status ?? null).toBe(status);
  });

  it("a page POST that is not a server action is refused", () => {
    const client = { ip: "192.0.2.1", proto: "http" as const, host: "h" };
    expect(
      refuseRequest("POST", "/fleet", { origin: "http://h" }, client, { maxBodyBytes: 10, allowedOrigins: [] })?.status,
    ).toBe(405);
    expect(
      refuseRequest("POST", "/fleet", { origin: "http://h", "next-action": "abc" }, client, {
        maxBodyBytes: 10,
        allowedOrigins: [],
      }),
    ).toBeNull();
  });
});

describe("an empty server-action body", () => {
  it("is refused, not handed to React's decoder", () => {
    expect(actionBodyProblem("text/plain", "")?.status).toBe(400);
  });
});
