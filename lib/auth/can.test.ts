import { describe, expect, it } from "vitest";
import {
  type Actor,
  PERMISSION_ACTIONS,
  type PermissionAction,
  type Resource,
  type Role,
  scopeFor,
  TOKEN_SCOPES,
  type TokenScope,
} from "../vocabulary/access";
import { can, canWriteAnything, parseSelector, selectorMatches } from "./can";

const ACTIONS = PERMISSION_ACTIONS;
const HOST_SCOPED = new Set<PermissionAction>([
  "layout.apply",
  "instance.start",
  "instance.stop",
  "instance.restart",
  "instance.scale",
  "instance.invoke",
]);
const ADMIN_ONLY = new Set<PermissionAction>(["host.manage", "user.manage", "secret.manage", "settings.manage"]);

const A = { id: "h-a", name: "gpu-a", labels: { team: "a", zone: "eu" } };
const B = { id: "h-b", name: "gpu-b", labels: { team: "b" } };
const RESOURCES: Record<string, Resource> = {
  global: { type: "global" },
  newLayout: { type: "layout" },
  ownLayout: { type: "layout", id: "l1", ownerId: "u", hosts: [B] },
  teamALayout: { type: "layout", id: "l2", ownerId: "someone", hosts: [A] },
  teamBLayout: { type: "layout", id: "l3", ownerId: "someone", hosts: [B] },
  mixedLayout: { type: "layout", id: "l4", ownerId: null, hosts: [A, B] },
  draftLayout: { type: "layout", id: "l5", ownerId: "someone", hosts: [] },
  hostA: { type: "host", ...A },
  hostB: { type: "host", ...B },
  instanceA: { type: "instance", id: "i-a", hostLabels: { team: "a" } },
  instanceB: { type: "instance", id: "i-b", hostLabels: { team: "b" } },
};
const GRANTS = ["team=a"];

function actor(role: Role, kind: "user" | "token" = "user", scopes: TokenScope[] = []): Actor {
  return { kind, userId: "u", label: "u", role, ip: null, ...(kind === "token" ? { tokenId: "t", scopes } : {}) };
}

const LAYOUTS = ["newLayout", "ownLayout", "teamALayout", "teamBLayout", "mixedLayout", "draftLayout"];

/** The expected answer, written as the README's roles table reads, independently of can()'s code. */
function expected(role: Role, action: PermissionAction, key: string): boolean {
  if (role === "admin") return true;
  // Logs can hold prompts: operators within their grants only.
  if (action === "instance.logs.read") return role === "operator" && (key === "hostA" || key === "instanceA");
  if (action.endsWith(".read")) return true;
  if (role === "viewer") return false;
  if (ADMIN_ONLY.has(action)) return false;
  if (action === "token.manage") return true;
  if (action === "layout.write") return ["newLayout", "ownLayout", "teamALayout"].includes(key);
  if (HOST_SCOPED.has(action)) return key === "hostA" || key === "instanceA" || LAYOUTS.includes(key);
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

describe("token scopes say exactly what they allow", () => {
  it("maps every permission action to one scope by its family and verb", () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a, scopeFor(a)]))).toEqual({
      "fleet.read": "read",
      "host.manage": "hosts:manage",
      "layout.read": "read",
      "layout.write": "layouts:write",
      "layout.apply": "instances:operate",
      "instance.read": "read",
      "instance.start": "instances:operate",
      "instance.stop": "instances:operate",
      "instance.restart": "instances:operate",
      "instance.scale": "instances:operate",
      "instance.logs.read": "read",
      "instance.invoke": "instances:operate",
      "metrics.read": "read",
      "audit.read": "read",
      "user.manage": "users:manage",
      "token.manage": "tokens:manage",
      "secret.manage": null,
      "settings.manage": null,
    });
  });
  for (const scope of TOKEN_SCOPES) {
    it(`an admin's "${scope}" token may do exactly the actions mapped to it`, () => {
      for (const action of ACTIONS)
        expect(can(actor("admin", "token", [scope]), action, RESOURCES.hostB!, []), action).toBe(
          scopeFor(action) === scope,
        );
    });
  }
  it("no token manages secrets or settings, whatever its scopes", () => {
    const all = actor("admin", "token", [...TOKEN_SCOPES]);
    expect(can(all, "secret.manage", RESOURCES.global!, [])).toBe(false);
    expect(can(all, "settings.manage", RESOURCES.global!, [])).toBe(false);
  });
  it("a token never does more than its owner: grants and role still apply", () => {
    const op = actor("operator", "token", [...TOKEN_SCOPES]);
    expect(can(op, "layout.apply", RESOURCES.hostA!, GRANTS)).toBe(true);
    expect(can(op, "layout.apply", RESOURCES.hostB!, GRANTS)).toBe(false);
    expect(can(op, "layout.write", RESOURCES.teamBLayout!, GRANTS)).toBe(false);
    expect(can(op, "user.manage", RESOURCES.global!, GRANTS)).toBe(false);
    expect(can(actor("viewer", "token", [...TOKEN_SCOPES]), "layout.write", RESOURCES.newLayout!, [])).toBe(false);
  });
});

describe("logs", () => {
  it("are not for viewers, and for operators only within their grants (a read token too)", () => {
    expect(can(actor("viewer"), "instance.logs.read", RESOURCES.instanceA!, [])).toBe(false);
    expect(can(actor("operator"), "instance.logs.read", RESOURCES.instanceA!, GRANTS)).toBe(true);
    expect(can(actor("operator"), "instance.logs.read", RESOURCES.instanceB!, GRANTS)).toBe(false);
    expect(can(actor("operator", "token", ["read"]), "instance.logs.read", RESOURCES.instanceA!, GRANTS)).toBe(true);
    expect(
      can(actor("operator", "token", ["instances:operate"]), "instance.logs.read", RESOURCES.instanceA!, GRANTS),
    ).toBe(false);
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
    expect(canWriteAnything(actor("operator", "token", ["layouts:write"]))).toBe(true);
  });
});
