import { describe, expect, it } from "vitest";
import type { Actor, PermissionAction, Resource, Role, TokenScope } from "../vocabulary/access";
import { can, canWriteAnything, parseSelector, selectorMatches } from "./can";

const ACTIONS: PermissionAction[] = [
  "fleet.read",
  "host.manage",
  "layout.read",
  "layout.write",
  "layout.apply",
  "instance.read",
  "instance.start",
  "instance.stop",
  "instance.restart",
  "instance.scale",
  "instance.logs.read",
  "instance.invoke",
  "metrics.read",
  "audit.read",
  "user.manage",
  "token.manage",
  "secret.manage",
  "settings.manage",
];
const READS = new Set<PermissionAction>(["fleet.read", "layout.read", "instance.read", "metrics.read", "audit.read"]);
const HOST_SCOPED = new Set<PermissionAction>([
  "layout.apply",
  "instance.start",
  "instance.stop",
  "instance.restart",
  "instance.scale",
  "instance.logs.read",
  "instance.invoke",
]);
const ADMIN_ONLY = new Set<PermissionAction>(["host.manage", "user.manage", "secret.manage", "settings.manage"]);

const RESOURCES: Record<string, Resource> = {
  global: { type: "global" },
  layout: { type: "layout", id: "l1" },
  hostA: { type: "host", id: "h-a", labels: { team: "a", zone: "eu" } },
  hostB: { type: "host", id: "h-b", labels: { team: "b" } },
  instanceA: { type: "instance", id: "i-a", hostLabels: { team: "a" } },
  instanceB: { type: "instance", id: "i-b", hostLabels: { team: "b" } },
};
const GRANTS = ["team=a"];

function actor(role: Role, kind: "user" | "token" = "user", scopes: TokenScope[] = []): Actor {
  return { kind, userId: "u", label: "u", role, ip: null, ...(kind === "token" ? { tokenId: "t", scopes } : {}) };
}

/** The expected answer, written as the rules read in the issue, independently of can()'s code. */
function expected(role: Role, action: PermissionAction, key: string): boolean {
  if (role === "admin") return true;
  if (READS.has(action)) return true;
  if (role === "viewer") return false;
  if (ADMIN_ONLY.has(action)) return false;
  if (action === "layout.write" || action === "token.manage") return true;
  if (HOST_SCOPED.has(action)) return key === "hostA" || key === "instanceA" || key === "layout";
  return false;
}

describe("can(): roles × actions × resources (session users)", () => {
  for (const role of ["admin", "operator", "viewer"] as Role[]) {
    for (const action of ACTIONS) {
      for (const [key, resource] of Object.entries(RESOURCES)) {
        it(`${role} ${action} on ${key} → ${expected(role, action, key)}`, () => {
          expect(can(actor(role), action, resource, role === "operator" ? GRANTS : [])).toBe(
            expected(role, action, key),
          );
        });
      }
    }
  }
});

describe("can(): API tokens are limited to their scopes and never manage", () => {
  const cases: [TokenScope[], PermissionAction, boolean][] = [
    [["read"], "instance.read", true],
    [["read"], "layout.apply", false],
    [["write"], "layout.apply", true],
    [["write"], "instance.read", false],
    [["read", "write"], "instance.stop", true],
    [["read", "write"], "token.manage", false],
    [["read", "write"], "user.manage", false],
    [["read", "write"], "secret.manage", false],
    [["read"], "instance.logs.read", true],
    [["write"], "instance.logs.read", false],
    [["read"], "instance.scale", false],
    [["write"], "instance.invoke", true],
  ];
  for (const [scopes, action, allowed] of cases) {
    it(`admin token [${scopes}] ${action} → ${allowed}`, () => {
      expect(can(actor("admin", "token", scopes), action, RESOURCES.hostB!, [])).toBe(allowed);
    });
  }
  it("an operator's write token still honours the operator's grants", () => {
    expect(can(actor("operator", "token", ["write"]), "layout.apply", RESOURCES.hostA!, GRANTS)).toBe(true);
    expect(can(actor("operator", "token", ["write"]), "layout.apply", RESOURCES.hostB!, GRANTS)).toBe(false);
  });
  it("logs are not for viewers, and for operators only within their grants", () => {
    expect(can(actor("viewer"), "instance.logs.read", RESOURCES.instanceA!, [])).toBe(false);
    expect(can(actor("operator"), "instance.logs.read", RESOURCES.instanceA!, GRANTS)).toBe(true);
    expect(can(actor("operator"), "instance.logs.read", RESOURCES.instanceB!, GRANTS)).toBe(false);
    expect(can(actor("operator", "token", ["read"]), "instance.logs.read", RESOURCES.instanceA!, GRANTS)).toBe(true);
  });
  it("a viewer's write token cannot write", () => {
    expect(can(actor("viewer", "token", ["read", "write"]), "layout.write", RESOURCES.layout!, [])).toBe(false);
  });
});

describe("host selectors", () => {
  it.each([
    ["*", { team: "b" }, true],
    ["team=a", { team: "a" }, true],
    ["team=a", { team: "b" }, false],
    ["team=a", {}, false],
    ["team=a,zone=eu", { team: "a", zone: "eu" }, true],
    ["team=a,zone=eu", { team: "a" }, false],
    ["team", { team: "" }, false],
    ["team=a=b", { team: "a=b" }, false],
    ["constructor=", {}, false],
  ] as [string, Record<string, string>, boolean][])("%s matches %o → %s", (selector, labels, result) => {
    expect(selectorMatches(selector, labels)).toBe(result);
  });
  it("rejects malformed selectors", () => {
    expect(parseSelector("")).toBeNull();
    expect(parseSelector("a=b,")).toBeNull();
    expect(parseSelector(" * ")).toBe("*");
  });
  it("canWriteAnything: viewers and read-only tokens cannot", () => {
    expect(canWriteAnything(actor("viewer"))).toBe(false);
    expect(canWriteAnything(actor("operator"))).toBe(true);
    expect(canWriteAnything(actor("admin", "token", ["read"]))).toBe(false);
    expect(canWriteAnything(actor("operator", "token", ["write"]))).toBe(true);
  });
});
