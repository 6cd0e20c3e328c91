import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, useTestDatabase } from "../../auth/testing/test-users";

/** Settings → Designer on a real, migrated SQLite database with real sessions: admins only, audited, read back. */

type RunAs = <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let runAs: RunAs;
let admin: Headers;
let operator: Headers;
let update: typeof import("./update-designer-settings").updateDesignerSettings;
let read: () => Promise<import("../../layout/settings").DesignerSettings>;

beforeAll(async () => {
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../../auth/request-context"));
  ({ updateDesignerSettings: update } = await import("./update-designer-settings"));
  const { db } = await import("../../queries/db");
  const { getDesignerSettings } = await import("../../queries/settings/get-designer-settings");
  read = () => getDesignerSettings(db());
  admin = await sessionHeaders(await makeUser("admin"));
  operator = await sessionHeaders(await makeUser("operator", ["*"]));
});

describe("updateDesignerSettings", () => {
  it("defaults to the seed's 90 % ceiling and open share links", async () => {
    expect(await read()).toEqual({ vramCeiling: 0.9, shareRequiresSignIn: false });
  });

  it("an admin sets the ceiling and the share rule; both are read back and audited", async () => {
    const result = await runAs(admin, () => update({ vramCeilingPercent: 85, shareRequiresSignIn: true }));
    expect(result).toEqual({ ok: true, data: { vramCeiling: 0.85, shareRequiresSignIn: true } });
    expect(await read()).toEqual({ vramCeiling: 0.85, shareRequiresSignIn: true });
    const { db } = await import("../../queries/db");
    const row = await db().auditEvent.findFirst({ where: { action: "settings.designer" }, orderBy: { at: "desc" } });
    expect(JSON.parse(row!.after!)).toEqual({ vramCeiling: 0.85, shareRequiresSignIn: true });
  });

  it("refuses a ceiling outside 50–100 % with the field and the fix", async () => {
    const result = await runAs(admin, () => update({ vramCeilingPercent: 120, shareRequiresSignIn: false }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.vramCeilingPercent?.[0]).toContain("use 50 to 100");
  });

  it("refuses an operator: settings are the admins'", async () => {
    const result = await runAs(operator, () => update({ vramCeilingPercent: 95, shareRequiresSignIn: false }));
    expect(result.ok).toBe(false);
    expect(await read()).toEqual({ vramCeiling: 0.85, shareRequiresSignIn: true });
  });
});
