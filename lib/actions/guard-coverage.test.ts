import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, tokenHeaders, useTestDatabase } from "../auth/testing/test-users";
import { discoverServerEntryPoints, HTTP_METHODS } from "./discover-guards";
import { guardInfo } from "./registry";

/**
 * Every server action ("use server" export) and every route handler (app/**\/route.ts), found by
 * reading the source tree, refuses an anonymous caller, and refuses a viewer (and a read-only token)
 * where it changes something. Runs against a real, migrated SQLite database with real sessions.
 */

const ROOT = join(import.meta.dirname, "../..");
const found = discoverServerEntryPoints(ROOT);
/** The only actions anonymous callers may run, each harmless without an account (see each `reason`). */
const PUBLIC_ACTIONS = new Set(["auth.sign-in", "auth.first-admin", "auth.sign-out", "auth.password-reset"]);

type Action = (input: unknown) => Promise<{ ok: boolean; error?: string }>;
type Route = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let viewer: Headers;
let readToken: Headers;
let runAs: <T>(headers: Headers, fn: () => Promise<T>) => Promise<T>;

beforeAll(async () => {
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../auth/request-context"));
  await makeUser("admin"); // first-run setup is closed from here on
  const v = await makeUser("viewer");
  viewer = await sessionHeaders(v);
  const op = await makeUser("operator", ["*"]);
  readToken = (await tokenHeaders(op.id, ["read"])).headers;
});

function paramsOf(file: string): Record<string, string> {
  return Object.fromEntries(
    [...file.matchAll(/\[(\w+)\]/g)].map((m) => [m[1]!, "00000000-0000-0000-0000-000000000000"]),
  );
}

const camelCase = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe("discovery", () => {
  it("finds the server actions and route handlers in the tree", () => {
    expect(found.actionModules).toContain("lib/actions/auth/sign-in.ts");
    expect(found.routeModules).toContain("app/api/v1/revisions/[revisionId]/apply/route.ts");
  });
});

describe("one way to expose a server action", () => {
  it('every "use server" module is lib/actions/<domain>/<verb-noun>.ts and exports one action named after the file', async () => {
    expect(found.actionModules.length).toBeGreaterThan(10);
    for (const file of found.actionModules) {
      const match = /^lib\/actions\/[a-z]+(?:-[a-z]+)*\/([a-z]+(?:-[a-z]+)*)\.ts$/.exec(file);
      expect(match, `${file}: put server actions in lib/actions/<domain>/<verb-noun>.ts`).not.toBeNull();
      const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
      expect(Object.keys(mod), `${file} must export exactly one action, named after the file`).toEqual([
        camelCase(match![1]!),
      ]);
    }
  });
});

describe.each(found.actionModules)("server actions in %s", (file) => {
  it("are all guarded, refuse anonymous callers, and refuse viewers where they mutate", async () => {
    const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
    const exports = Object.entries(mod).filter(([, v]) => typeof v === "function");
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, fn] of exports) {
      // An export that wraps a defineAction result in its own function is not in the registry: it is
      // then held to the strictest rule (a mutating action), proven by calling it, not by trusting it.
      const info = guardInfo(fn) ?? { name: `${file}#${name}`, kind: "action", mutates: true, selfService: false };
      const action = fn as Action;
      if (info.kind === "public-action") {
        expect(
          PUBLIC_ACTIONS,
          `${file} export ${name} (${info.name}) is public but not on the reviewed list`,
        ).toContain(info.name);
        continue;
      }
      const anonymous = await runAs(new Headers(), () => action({}));
      expect(anonymous.ok, `${file} ${name} let an anonymous caller through`).toBe(false);
      expect(anonymous.error).toMatch(/not signed in/);
      if (info.mutates && !info.selfService) {
        const asViewer = await runAs(viewer, () => action({}));
        expect(asViewer.ok, `${file} ${name} let a viewer through`).toBe(false);
        expect(asViewer.error).toMatch(/viewer|read-only/);
        const asReadToken = await runAs(readToken, () => action({}));
        expect(asReadToken.ok).toBe(false);
        expect(asReadToken.error).toMatch(/read-only/);
      }
    }
  });
});

describe.each(found.routeModules)("route handlers in %s", (file) => {
  it("are all guarded, answer 401 to anonymous callers and 403 to viewers where they mutate", async () => {
    const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
    const handlers = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
    expect(handlers.length).toBeGreaterThan(0);
    const url = `http://localhost:3000/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`;
    for (const method of handlers) {
      const info = guardInfo(mod[method]);
      expect(info?.kind, `${file} ${method} is not built with defineRoute`).toBe("route");
      const handler = mod[method] as Route;
      const call = (headers: Headers) =>
        handler(new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : "{}" }), {
          params: Promise.resolve(paramsOf(file)),
        });
      const anonymous = await call(new Headers());
      expect(anonymous.status, `${file} ${method} answered an anonymous caller`).toBe(401);
      if (info!.mutates) {
        expect((await call(viewer)).status, `${file} ${method} let a viewer through`).toBe(403);
        expect((await call(readToken)).status, `${file} ${method} let a read-only token through`).toBe(403);
      }
    }
  });
});
