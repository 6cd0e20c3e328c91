import { z } from "zod";
import { applyRevisionInput, instanceIdInput } from "../actions/instances/inputs";
import { pageOut } from "./paginate";
import { instanceOut, layoutIdInput, layoutOut, revisionOut } from "./read-specs";

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse with. */

interface Endpoint {
  method: "get" | "post";
  path: string;
  summary: string;
  params?: z.ZodObject;
  response: z.ZodType;
  mutates: boolean;
}

const applyOut = z.object({
  layoutId: z.string(),
  revisionNumber: z.number().int(),
  applied: z.array(z.object({ instanceKey: z.string(), hostName: z.string(), desiredState: z.literal("running") })),
  stopped: z.array(z.string()),
});
const stateOut = z.object({ id: z.string(), instanceKey: z.string(), desiredState: z.enum(["running", "stopped"]) });
const errorOut = z.object({
  error: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  reference: z.string().optional(),
});

export const ENDPOINTS: Endpoint[] = [
  { method: "get", path: "/api/v1/layouts", summary: "List layouts", response: pageOut(layoutOut), mutates: false },
  {
    method: "get",
    path: "/api/v1/layouts/{layoutId}/revisions",
    summary: "List a layout's revisions, newest first",
    params: layoutIdInput,
    response: pageOut(revisionOut),
    mutates: false,
  },
  {
    method: "get",
    path: "/api/v1/instances",
    summary: "List instances with desired and observed state",
    response: pageOut(instanceOut),
    mutates: false,
  },
  {
    method: "post",
    path: "/api/v1/revisions/{revisionId}/apply",
    summary: "Apply a layout revision (records desired state; needs layout.apply on every host it touches)",
    params: applyRevisionInput,
    response: applyOut,
    mutates: true,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/start",
    summary: "Set an instance's desired state to running",
    params: instanceIdInput,
    response: stateOut,
    mutates: true,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/stop",
    summary: "Set an instance's desired state to stopped",
    params: instanceIdInput,
    response: stateOut,
    mutates: true,
  },
];

function parameters(params: z.ZodObject | undefined) {
  if (!params) return [];
  return Object.entries(params.shape).map(([name, schema]) => ({
    name,
    in: "path",
    required: true,
    schema: z.toJSONSchema(schema as z.ZodType),
  }));
}

export function openApiDocument(serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    paths[e.path] ??= {};
    paths[e.path]![e.method] = {
      summary: e.summary,
      security: [{ bearer: [e.mutates ? "write" : "read"] }],
      parameters: parameters(e.params),
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: z.toJSONSchema(e.response) } } },
        ...Object.fromEntries(
          [
            ["401", "Not signed in, or the token is invalid, expired or revoked"],
            ["403", "Signed in, but the role, host grants or token scopes do not allow it"],
            ["422", "The input is invalid (fieldErrors name each field)"],
          ].map(([code, description]) => [
            code,
            { description, content: { "application/json": { schema: z.toJSONSchema(errorOut) } } },
          ]),
        ),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "fleetdeck API",
      version: "1",
      description: "Send `Authorization: Bearer fd_…` (create a token in Settings → API tokens).",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "fleetdeck API token (fd_…); scopes: read, write" },
      },
    },
    paths,
  };
}
