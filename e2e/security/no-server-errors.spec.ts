import { expect, test } from "@playwright/test";
import { seedFleet, type Seeded } from "../auth/seed";
import { ORIGIN, actionRef, adminCookie, callAction, raw } from "./http";

/** Issue 11, item 6: each request the tester saw answered 500 gets a clear 4xx instead. */

const CREATE_LAYOUT = "lib/actions/layouts/create-layout.ts";
const INTERNAL = /Something went wrong \(reference/;
let fleet: Seeded;

test.beforeAll(() => {
  fleet = seedFleet(`noerr-${Date.now().toString(36)}`);
});

for (const origin of ["null", "http://[bad", "not a url", "https://"]) {
  test(`a cookie API POST with Origin ${JSON.stringify(origin)} is refused with 403`, async () => {
    const r = await raw("POST", "/api/v1/revisions/any/apply", {
      headers: { cookie: adminCookie(), origin, "content-type": "application/json" },
      body: "{}",
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).error).toMatch(/Cross-site request refused/);
  });
}

test("a server action with Origin null is refused with 403", async () => {
  const r = await callAction(CREATE_LAYOUT, {}, { cookie: adminCookie(), origin: "null" });
  expect(r.status).toBe(403);
});

test("?next= with a newline redirects instead of failing", async () => {
  const r = await raw("GET", "/sign-in?next=%2Ffleet%0AX-Injected:%201", { headers: { cookie: adminCookie() } });
  expect(r.status).toBeGreaterThanOrEqual(300);
  expect(r.status).toBeLessThan(400);
  expect(r.headers["x-injected"]).toBeUndefined();
});

test("a revision number past any integer is a 404, not a database error", async () => {
  for (const n of ["99999999999999999999", "2147483648", "1e3", "-1", "0", "abc"]) {
    const r = await raw("GET", `/layouts/${fleet.layoutIds.a}/revisions/${n}`, { headers: { cookie: adminCookie() } });
    expect(r.status, `revision ${n}`).toBe(404);
  }
  const ok = await raw("GET", `/layouts/${fleet.layoutIds.a}/revisions/1`, { headers: { cookie: adminCookie() } });
  expect(ok.status).toBe(200);
});

test("pages that do not exist answer 404", async () => {
  for (const path of ["/layouts/nonexistent", `/layouts/${fleet.layoutIds.a}x`, "/layouts/nonexistent/diff"]) {
    const r = await raw("GET", path, { headers: { cookie: adminCookie() } });
    expect(r.status, path).toBe(404);
  }
});

test("BigInt-, Date-, NaN- and reference-shaped action input is a validation error, not an internal one", async () => {
  for (const value of [
    "$n123",
    "$n99999999999999999999999",
    "$D2020-01-01T00:00:00.000Z",
    "$NaN",
    "$Infinity",
    "$-0",
  ]) {
    const r = await callAction(CREATE_LAYOUT, { document: value, note: value }, { cookie: adminCookie() });
    expect(r.status, value).toBeLessThan(500);
    expect(r.result?.ok, value).toBe(false);
    expect(r.result?.error, value).not.toMatch(INTERNAL);
  }
});

test("a server action body nested 4,000 deep is refused with 400", async () => {
  const r = await raw("POST", "/layouts/new", {
    headers: {
      "next-action": actionRef(CREATE_LAYOUT).id,
      "content-type": "text/plain;charset=UTF-8",
      origin: ORIGIN,
      cookie: adminCookie(),
    },
    body: `[${"[".repeat(4000)}${"]".repeat(4000)}]`,
  });
  expect(r.status).toBe(400);
});

test("an empty or non-array server action body is refused with 400, a form post with 415", async () => {
  const post = (body: string, type = "text/plain;charset=UTF-8") =>
    raw("POST", "/layouts/new", {
      headers: {
        "next-action": actionRef(CREATE_LAYOUT).id,
        "content-type": type,
        origin: ORIGIN,
        cookie: adminCookie(),
      },
      body,
    });
  expect((await post("")).status).toBe(400);
  expect((await post("{}")).status).toBe(400);
  expect((await post('[{"document":"$R0"}]')).status).toBe(400);
  expect((await post("--x--", "multipart/form-data; boundary=x")).status).toBe(415);
});

test("a server action body over 1 MiB is refused with 413", async () => {
  const name = "x".repeat(1_100_000);
  const r = await callAction(
    CREATE_LAYOUT,
    { document: { name, hosts: [], instances: [] } },
    { cookie: adminCookie() },
  );
  expect(r.status).toBe(413);
});

test("TRACE and other unsupported methods answer 405", async () => {
  for (const method of ["TRACE", "PROPFIND"]) {
    const r = await raw(method, "/fleet");
    expect(r.status, method).toBe(405);
    expect(r.headers.allow).toContain("GET");
  }
});
