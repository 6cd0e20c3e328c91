import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverServerEntryPoints, HTTP_METHODS } from "../actions/discover-guards";
import { ENDPOINTS, openApiDocument } from "./openapi";

const ROOT = join(import.meta.dirname, "../..");

describe("the OpenAPI document", () => {
  it("describes every /api/v1 route handler in the tree, with the token scope it needs", async () => {
    const routes = discoverServerEntryPoints(ROOT).routeModules.filter(
      (f) => f.startsWith("app/api/v1/") && !f.includes("openapi.json"),
    );
    expect(routes.length).toBeGreaterThan(15);
    const documented = new Set(ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path}`));
    for (const file of routes) {
      const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
      const path = `/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`.replace(/\[(\w+)\]/g, "{$1}");
      for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function"))
        expect(documented, `${method} ${path} (${file}) is missing from lib/api/openapi.ts`).toContain(
          `${method} ${path}`,
        );
    }
    const doc = openApiDocument();
    expect(doc.paths["/api/v1/layouts/{layoutId}/revisions"]).toMatchObject({
      get: { security: [{ bearer: ["read"] }] },
      post: { security: [{ bearer: ["layouts:write"] }], requestBody: { required: true } },
    });
    expect(doc.paths["/api/v1/revisions/{revisionId}/apply"]).toMatchObject({
      post: { security: [{ bearer: ["instances:operate"] }] },
    });
    expect(JSON.stringify(doc)).not.toContain('"write"');
  });
  it("describes path, query and body parameters separately, and streams as server-sent events", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown; responses: unknown }>
      >;
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
    expect(JSON.stringify(logs.responses)).toContain("text/event-stream");
  });
});
