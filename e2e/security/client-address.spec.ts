import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminCookie, callAction, raw, signInCookie } from "./http";
import { ensureUser, person, queryOne } from "./people";

/**
 * Issue 11, item 4: a client must not choose its own address, host or scheme. The e2e server trusts one proxy,
 * 127.0.0.1 (FLEETDECK_TRUSTED_PROXIES in playwright.config.ts); every other loopback address is a client that
 * talks to fleetdeck directly, as with a plain `npm start`.
 */

const SIGN_IN = "lib/actions/auth/sign-in.ts";
const CREATE_LAYOUT = "lib/actions/layouts/create-layout.ts";

async function auditRowsFor(marker: string): Promise<string[][]> {
  const r = await raw("GET", `/api/audit/export?q=${encodeURIComponent(marker)}`, {
    headers: { cookie: adminCookie() },
  });
  expect(r.status).toBe(200);
  return r.text
    .split("\r\n")
    .slice(1)
    .filter((l) => l.includes(marker))
    .map((l) => l.split(","));
}
const IP_COLUMN = 3;

test("X-Forwarded-For from a client that is not a trusted proxy is ignored: the audit log has the real address", async () => {
  const account = `xff-probe-${randomUUID().slice(0, 8)}`;
  await callAction(
    SIGN_IN,
    { identifier: account, password: "wrong guess" },
    { from: "127.0.0.2", headers: { "x-forwarded-for": "198.51.100.23", "x-real-ip": "198.51.100.24" } },
  );
  const rows = await auditRowsFor(account);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.map((r) => r[IP_COLUMN])).toEqual(rows.map(() => "127.0.0.2"));
});

test("a trusted proxy's X-Forwarded-For is believed", async () => {
  const account = `xff-trusted-${randomUUID().slice(0, 8)}`;
  await callAction(
    SIGN_IN,
    { identifier: account, password: "wrong guess" },
    { from: "127.0.0.1", headers: { "x-forwarded-for": "10.9.8.7, 203.0.113.5" } },
  );
  const rows = await auditRowsFor(account);
  expect(rows.map((r) => r[IP_COLUMN])).toEqual(rows.map(() => "203.0.113.5"));
});

test("a client cannot dodge the per-address limit by sending a new X-Forwarded-For each time", async () => {
  const errors: string[] = [];
  for (let i = 0; i < 24; i++) {
    const r = await callAction(
      SIGN_IN,
      { identifier: `rotating-${i}-${randomUUID().slice(0, 6)}`, password: "wrong guess" },
      { from: "127.0.0.3", headers: { "x-forwarded-for": `198.51.100.${i + 1}` } },
    );
    errors.push(r.result?.error ?? "");
  }
  expect(errors.slice(20).every((e) => /from your address/.test(e))).toBe(true);
});

test("a cross-site server action with Origin and X-Forwarded-Host both saying evil.example is refused", async () => {
  const name = `evil-made-${randomUUID().slice(0, 8)}`;
  const r = await callAction(
    CREATE_LAYOUT,
    { document: { name, hosts: [], instances: [] } },
    {
      cookie: adminCookie(),
      origin: "https://evil.example",
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      from: "127.0.0.5", // not the trusted proxy
    },
  );
  expect(r.status).toBe(403);
  expect(queryOne("SELECT id FROM layout WHERE name = ?", name)).toBeUndefined();
});

test("a server action without an Origin header is refused", async () => {
  const name = `no-origin-${randomUUID().slice(0, 8)}`;
  const r = await callAction(
    CREATE_LAYOUT,
    { document: { name, hosts: [], instances: [] } },
    { cookie: adminCookie(), origin: null },
  );
  expect(r.status).toBe(403);
  expect(queryOne("SELECT id FROM layout WHERE name = ?", name)).toBeUndefined();
});

test("a cookie-authenticated API write with Origin and X-Forwarded-Host both saying evil.example is refused", async () => {
  const r = await raw("POST", "/api/v1/revisions/any/apply", {
    headers: {
      cookie: adminCookie(),
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "content-type": "application/json",
    },
    body: "{}",
    from: "127.0.0.5",
  });
  expect(r.status).toBe(403);
});

test("X-Forwarded-Proto from a client does not turn on Secure cookies or HSTS; from the trusted proxy it does", async () => {
  const p = person("proto-probe");
  await ensureUser(p, "viewer");
  const direct = await callAction(
    SIGN_IN,
    { identifier: p.username, password: p.password },
    { from: "127.0.0.4", headers: { "x-forwarded-proto": "https" } },
  );
  expect(direct.result?.ok).toBe(true);
  expect(direct.setCookie.join("\n")).not.toMatch(/Secure/i);
  const page = await raw("GET", "/sign-in", { from: "127.0.0.4", headers: { "x-forwarded-proto": "https" } });
  expect(page.headers["strict-transport-security"]).toBeUndefined();

  const proxied = await callAction(
    SIGN_IN,
    { identifier: p.username, password: p.password },
    { from: "127.0.0.1", headers: { "x-forwarded-proto": "https" } },
  );
  expect(proxied.result?.ok).toBe(true);
  expect(proxied.setCookie.join("\n")).toMatch(/__Secure-fleetdeck\.session_token=.*Secure/);
  const over = await raw("GET", "/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(over.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  // Sanity: a session made over plain http still works for the next request.
  expect(await signInCookie(p.username, p.password)).toContain("fleetdeck.session_token=");
});
