import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR, E2E_DB } from "../../playwright.config";
import { adminCookie, callAction, raw, signInCookie } from "./http";
import { ensureUser, person } from "./people";

/** Issue 11, items 5 and 8: what the Settings page tells a viewer, and what the CSV export hands a spreadsheet. */

const VIEWER = person("settings-viewer");

test("a viewer sees that a setting is set, not its value; an admin sees the values", async () => {
  await ensureUser(VIEWER, "viewer");
  const viewer = await raw("GET", "/settings", {
    headers: { cookie: await signInCookie(VIEWER.username, VIEWER.password) },
  });
  expect(viewer.status).toBe(200);
  for (const secretish of [E2E_DATA_DIR, E2E_DB.replace(/^\.\//, ""), "/secret"])
    expect(viewer.text).not.toContain(secretish);
  expect(viewer.text).toContain("DATABASE_URL");
  const admin = await raw("GET", "/settings", { headers: { cookie: adminCookie() } });
  expect(admin.text).toContain(E2E_DATA_DIR);
});

test("CSV export defuses a formula that follows a separator inside a cell", async () => {
  const marker = `csv-${randomUUID().slice(0, 8)}`;
  const name = `${marker};=1+1;b,@SUM(1)\t+cmd|x`;
  const made = await callAction(
    "lib/actions/layouts/create-layout.ts",
    { document: { name, hosts: [], instances: [] } },
    { cookie: adminCookie() },
  );
  expect(made.result?.ok, made.result?.error).toBe(true);
  const csv = await raw("GET", `/api/audit/export?q=${marker}`, { headers: { cookie: adminCookie() } });
  const line = csv.text.split("\r\n").find((l) => l.includes(marker));
  expect(line).toBeDefined();
  // Whatever a spreadsheet takes as the separator (",", ";" or a tab), no field it splits off starts a formula.
  for (const separator of [",", ";", "\t"]) {
    for (const field of line!.split(separator)) expect(field.replace(/^"+/, "")).not.toMatch(/^\s*[=+\-@]/);
  }
  expect(line).toContain(`${marker};'=1+1;b`);
});
