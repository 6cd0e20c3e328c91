import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS, openApiDocument } from "./openapi";

/** Every /api/v1 route handler in app/ is in the OpenAPI document, with the methods it exports. */

const ROOT = path.join(import.meta.dirname, "../../app/api/v1");

function routes(dir: string, prefix = "/api/v1"): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routes(full, `${prefix}/${entry.replace(/^\[(\w+)\]$/, "{$1}")}`);
    return entry === "route.ts" ? [prefix] : [];
  });
}

describe("the OpenAPI document", () => {
  it("lists every /api/v1 route with the methods its file exports", async () => {
    const documented = new Set(ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path}`));
    for (const route of routes(ROOT)) {
      if (route === "/api/v1/openapi.json") continue;
      const file = path.join(ROOT, route.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function"))
        expect(documented, `${method} ${route} is not in lib/api/openapi.ts`).toContain(`${method} ${route}`);
    }
  });
  it("describes path, query and body parameters separately", () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>>;
    };
    const apply = doc.paths["/api/v1/revisions/{revisionId}/apply"]!.post!;
    expect(apply.parameters).toEqual([expect.objectContaining({ name: "revisionId", in: "path" })]);
    expect(JSON.stringify(apply.requestBody)).toContain("expectedVersion");
    const logs = doc.paths["/api/v1/instances/{instanceId}/logs"]!.get!;
    expect(logs.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      "path:instanceId",
      "query:replica",
      "query:tail",
      "query:follow",
    ]);
  });
});
