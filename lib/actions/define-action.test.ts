import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeUser, sessionHeaders, useTestDatabase } from "../auth/testing/test-users";

/** defineAction against a real SQLite database: the audit row commits with the change or not at all. */

type RunAs = <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let runAs: RunAs;
let admin: Headers;
let defineAction: typeof import("./define-action").defineAction;

beforeAll(async () => {
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../auth/request-context"));
  ({ defineAction } = await import("./define-action"));
  admin = await sessionHeaders(await makeUser("admin"));
});

const input = z.object({
  name: z.string().regex(/^[a-z]+$/, "use lower-case letters only, e.g. settingname"),
  fail: z.boolean().default(false),
});

function settingAction() {
  return defineAction({
    name: "test.put-setting",
    input,
    authorize: () => ({ action: "settings.manage", resource: { type: "global" } }),
    run: async (i, { tx }) => {
      await tx.setting.create({ data: { key: i.name, value: "v" } });
      if (i.fail) throw new Error("disk on fire: /secret/path");
      return {
        data: { key: i.name },
        audit: { targetType: "setting", targetId: i.name, after: { note: "v", value: "s3cret", password: "hunter2" } },
      };
    },
  });
}

describe("defineAction", () => {
  it("writes the change and its audit row together, with the secret keys redacted", async () => {
    const { db } = await import("../queries/db");
    const result = await runAs(admin, () => settingAction()({ name: "alpha" }));
    expect(result).toEqual({ ok: true, data: { key: "alpha" } });
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "test.put-setting", targetId: "alpha" } });
    expect(row.actorLabel).toMatch(/^admin\d+$/);
    expect(JSON.parse(row.after!)).toEqual({ note: "v", value: "[redacted]", password: "[redacted]" });
  });

  it("a failing action leaves no audit row and no change, and shows only a reference", async () => {
    const { db } = await import("../queries/db");
    const result = await runAs(admin, () => settingAction()({ name: "beta", fail: true }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^Something went wrong \(reference [0-9a-f]{8}\)/);
    expect(result.error).not.toContain("disk on fire");
    expect(result.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(await db().setting.findUnique({ where: { key: "beta" } })).toBeNull();
    expect(await db().auditEvent.count({ where: { targetId: "beta" } })).toBe(0);
  });

  it("names the field, the value and the fix for invalid input", async () => {
    const result = await runAs(admin, () => settingAction()({ name: "Bad Name", fail: "yes" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ['got "Bad Name": use lower-case letters only, e.g. settingname'],
        fail: ['got "yes": expected boolean, received string'],
      },
    });
    if (!result.ok) expect(result.error).toContain('name: got "Bad Name": use lower-case letters only');
  });

  it("refuses anonymous callers before parsing, and operators on an admin-only action", async () => {
    expect(await runAs(new Headers(), () => settingAction()({ name: "gamma" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not signed in/),
    });
    const operator = await sessionHeaders(await makeUser("operator", ["*"]));
    expect(await runAs(operator, () => settingAction()({ name: "gamma" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/needs an admin/),
    });
  });

  it("runs prepare() after the guard and outside the transaction, longer than a transaction may last", async () => {
    const { db } = await import("../queries/db");
    const seen: string[] = [];
    const slow = defineAction({
      name: "test.slow-prepare",
      input: z.object({ name: z.string() }),
      authorize: () => ({ action: "settings.manage", resource: { type: "global" } }),
      prepare: async (i) => {
        seen.push(i.name);
        await new Promise((resolve) => setTimeout(resolve, 5_500)); // Prisma's interactive transactions end at 5 s
        return { answer: 42 };
      },
      run: async (i, { tx, prepared }) => {
        await tx.setting.create({ data: { key: i.name, value: String(prepared.answer) } });
        return { data: prepared.answer, audit: { targetType: "setting", targetId: i.name } };
      },
    });
    expect(await runAs(new Headers(), () => slow({ name: "delta" }))).toMatchObject({ ok: false });
    expect(seen).toEqual([]);
    expect(await runAs(admin, () => slow({ name: "delta" }))).toEqual({ ok: true, data: 42 });
    expect(seen).toEqual(["delta"]);
    expect((await db().setting.findUniqueOrThrow({ where: { key: "delta" } })).value).toBe("42");
  });

  it("never echoes a secret field's value in an input error", async () => {
    const secretInput = defineAction({
      name: "test.secret-input",
      input: z.object({
        keyPem: z.string().startsWith("-----BEGIN", "paste a PEM key"),
        passphrase: z.string().min(30),
      }),
      authorize: () => ({ action: "settings.manage", resource: { type: "global" } }),
      run: async () => ({ data: null }),
    });
    const result = await runAs(admin, () => secretInput({ keyPem: "hunter2-key", passphrase: "hunter2" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { keyPem: ["got (hidden): paste a PEM key"] } });
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });

  it("the audit log refuses updates and deletes (append-only in the database)", async () => {
    const { db } = await import("../queries/db");
    const row = await db().auditEvent.findFirstOrThrow();
    // Prisma's SQLite adapter reports the trigger's RAISE as a constraint error; the trigger's own words are in meta.
    const refusal = (change: Promise<unknown>) =>
      change.then(
        () => "the change was accepted",
        (err: { message: string; meta?: unknown }) => `${err.message} ${JSON.stringify(err.meta ?? {})}`,
      );
    expect(
      await refusal(db().auditEvent.update({ where: { id: row.id }, data: { actorLabel: "someone else" } })),
    ).toMatch(/append-only/);
    expect(await refusal(db().auditEvent.delete({ where: { id: row.id } }))).toMatch(/append-only/);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: row.id } })).actorLabel).toBe(row.actorLabel);
  });
});
