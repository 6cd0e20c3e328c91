import { describe, expect, it } from "vitest";
import { auditFilterSchema, auditWhere, toCsv } from "./audit-filter";
import { redact } from "./redact";

describe("audit filters, CSV and redaction", () => {
  it("parses the query string forgivingly and builds a where clause", () => {
    const f = auditFilterSchema.parse({
      q: " apply ",
      action: "layout.apply",
      from: "2026-01-02",
      to: "not a date",
      limit: "50",
    });
    expect(f).toEqual({
      q: "apply",
      action: "layout.apply",
      from: "2026-01-02",
      to: undefined,
      actor: undefined,
      limit: 50,
    });
    const where = auditWhere(f) as { AND: Record<string, unknown>[] };
    expect(where.AND).toContainEqual({ action: "layout.apply" });
    expect(where.AND).toContainEqual({ at: { gte: new Date("2026-01-02T00:00:00Z") } });
    expect(auditWhere(auditFilterSchema.parse({}))).toEqual({});
  });
  it("writes RFC 4180 CSV and defuses spreadsheet formulas", () => {
    const csv = toCsv([
      {
        at: new Date("2026-01-01T00:00:00Z"),
        actorLabel: 'ada "the admin"',
        actorId: "u1",
        ip: null,
        action: "user.create",
        targetType: "user",
        targetId: "=HYPERLINK(1)",
        before: null,
        after: '{"a":1,"b":2}',
      },
    ]);
    expect(csv).toBe(
      'at,actorLabel,actorId,ip,action,outcome,targetType,targetId,targetLabel,before,after\r\n2026-01-01T00:00:00.000Z,"ada ""the admin""",u1,,user.create,,user,\'=HYPERLINK(1),,,"{""a"":1,""b"":2}"\r\n',
    );
  });
  it("defuses a formula after a separator inside a cell, whichever separator a spreadsheet uses", () => {
    const csv = toCsv([
      {
        at: new Date("2026-01-01T00:00:00Z"),
        actorLabel: "a;=1+1;b",
        actorId: "x,@SUM(A1)",
        ip: "tab\t+cmd|x",
        action: "line\n-2+3",
        targetType: "t",
        targetId: "-ok",
        before: null,
        after: null,
      },
    ]);
    const line = csv.split("\r\n")[1]!;
    for (const separator of [",", ";", "\t", "|", "\n"])
      for (const field of line.split(separator)) expect(field.replace(/^"+/, "")).not.toMatch(/^\s*[=+\-@]/);
    expect(line).toContain(`"a;'=1+1;b"`);
  });
  it("never lets a secret-looking key through, at any depth", () => {
    expect(
      redact({
        name: "hf",
        value: "hf_x",
        nested: [{ password: "p", token: "fd_x", apiKey: "k", ok: 1 }],
        tokenPrefix: "fd_abc",
      }),
    ).toEqual({
      name: "hf",
      value: "[redacted]",
      nested: [{ password: "[redacted]", token: "[redacted]", apiKey: "[redacted]", ok: 1 }],
      tokenPrefix: "fd_abc",
    });
  });
});
