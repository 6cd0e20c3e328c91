import { z } from "zod";
import { applyRevisionInput, instanceIdInput, scaleInstanceInput } from "../actions/instances/inputs";
import { metricsQueryResponseSchema } from "../metrics/api/responses";
import { hostEndpoints } from "./host-endpoints";
import { hostOut, hostPageOut } from "./host-out";
import { instanceDetailOut } from "./instance-detail";
import { instanceChatInput, instanceLogsInput } from "./instance-inputs";
import { instanceMetricsQueryDoc } from "./metrics/instance-metrics-spec";
import { deploymentOut, instanceFilterInput, instanceOut, layoutIdInput, layoutOut, revisionOut } from "./read-specs";

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse with. */

export interface Endpoint {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  /** Path parameters ({name} in the path). */
  params?: z.ZodObject;
  /** Query parameters (GET). */
  query?: z.ZodObject;
  /** The JSON request body. */
  body?: z.ZodType;
  response: z.ZodType;
  /** A stream instead of JSON: server-sent events. */
  events?: string;
  mutates: boolean;
}

const applyOut = z.object({
  layoutId: z.string(),
  revisionNumber: z.number().int(),
  version: z.number().int(),
  applied: z.array(z.object({ instanceKey: z.string(), hostName: z.string(), desiredState: z.literal("running") })),
  stopped: z.array(z.string()),
  waiting: z.array(z.object({ hostName: z.string(), reason: z.string() })),
});
const stateOut = z.object({ id: z.string(), instanceKey: z.string(), desiredState: z.enum(["running", "stopped"]) });
const restartOut = z.object({
  id: z.string(),
  instanceKey: z.string(),
  generation: z.number().int(),
  replicas: z.number().int(),
});
const scaleOut = z.object({
  id: z.string(),
  instanceKey: z.string(),
  replicas: z.number().int(),
  added: z.array(
    z.object({
      replica: z.number().int(),
      hostName: z.string(),
      gpuIndices: z.array(z.number().int()),
      hostPort: z.number().int(),
    }),
  ),
  removed: z.array(z.number().int()),
});
const stopLayoutOut = z.object({ layoutId: z.string(), stopped: z.array(z.string()) });
const errorOut = z.object({
  error: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  reference: z.string().optional(),
});
const pathOnly = <T extends z.ZodObject>(schema: T, ...keys: string[]) =>
  schema.pick(Object.fromEntries(keys.map((k) => [k, true])) as never) as z.ZodObject;
const withoutPath = <T extends z.ZodObject>(schema: T, ...keys: string[]) =>
  schema.omit(Object.fromEntries(keys.map((k) => [k, true])) as never) as z.ZodObject;

export const ENDPOINTS: Endpoint[] = [
  { method: "get", path: "/api/v1/layouts", summary: "List layouts", response: z.array(layoutOut), mutates: false },
  {
    method: "get",
    path: "/api/v1/layouts/{layoutId}/revisions",
    summary: "List a layout's revisions, newest first",
    params: layoutIdInput,
    response: z.array(revisionOut),
    mutates: false,
  },
  {
    method: "get",
    path: "/api/v1/layouts/{layoutId}/deployment",
    summary: "The revision applied to a layout and its deployment version (send it as expectedVersion when applying)",
    params: layoutIdInput,
    response: deploymentOut,
    mutates: false,
  },
  {
    method: "post",
    path: "/api/v1/layouts/{layoutId}/stop",
    summary: "Stop every instance of a layout (needs instance.stop on every host it runs on)",
    params: layoutIdInput,
    response: stopLayoutOut,
    mutates: true,
  },
  {
    method: "get",
    path: "/api/v1/instances",
    summary: "List instances with each replica's observed state, host, GPUs, endpoint and container id",
    query: instanceFilterInput,
    response: z.array(instanceOut),
    mutates: false,
  },
  {
    method: "get",
    path: "/api/v1/instances/{instanceId}",
    summary:
      "One instance: replicas, spec as applied, state history, and (for those who may read logs) the last exit's log lines",
    params: instanceIdInput,
    response: instanceDetailOut,
    mutates: false,
  },
  {
    method: "post",
    path: "/api/v1/revisions/{revisionId}/apply",
    summary:
      "Apply a layout revision: new instances start, changed ones are replaced, removed ones stop, the rest is left alone (needs layout.apply on every host it touches; 409 when expectedVersion is stale)",
    params: pathOnly(applyRevisionInput, "revisionId"),
    body: withoutPath(applyRevisionInput, "revisionId"),
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
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/restart",
    summary: "Replace every replica's container with a fresh one",
    params: instanceIdInput,
    response: restartOut,
    mutates: true,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/scale",
    summary: "Run N replicas: new ones on free GPUs of the layout's hosts (409 with the reason when they don't fit)",
    params: instanceIdInput,
    body: withoutPath(scaleInstanceInput, "instanceId"),
    response: scaleOut,
    mutates: true,
  },
  {
    method: "get",
    path: "/api/v1/instances/{instanceId}/logs",
    summary:
      "A replica's log as server-sent events (`line` events with a JSON string, then `end`); admins and operators within their grants",
    params: pathOnly(instanceLogsInput, "instanceId"),
    query: withoutPath(instanceLogsInput, "instanceId"),
    response: z.string(),
    events: 'event: line / data: "<log line>"',
    mutates: false,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/chat",
    summary: "Send one chat message to a healthy replica; the engine's OpenAI-compatible stream comes back",
    params: pathOnly(instanceChatInput, "instanceId"),
    body: withoutPath(instanceChatInput, "instanceId"),
    response: z.string(),
    events: 'data: {"choices":[{"delta":{"content":"…"}}]} … data: [DONE]',
    mutates: true,
  },
  {
    method: "get",
    path: "/api/v1/instances/{instanceId}/metrics",
    summary:
      "An instance's named series over a range (data, or an 'unavailable' state with its reason and since when; down targets listed)",
    params: z.object({ instanceId: z.string() }),
    query: instanceMetricsQueryDoc,
    response: metricsQueryResponseSchema,
    mutates: false,
  },
  ...hostEndpoints(hostOut, hostPageOut),
];

const inputSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

function parameters(params: z.ZodObject | undefined, query?: z.ZodObject) {
  const path = Object.entries(params?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: "path",
    required: true,
    schema: inputSchema(schema as z.ZodType),
  }));
  const search = Object.entries(query?.shape ?? {}).map(([name, schema]) => {
    const json = inputSchema(schema as z.ZodType) as { description?: string };
    return {
      name,
      in: "query",
      required: !(schema as z.ZodType).safeParse(undefined).success,
      description: json.description,
      schema: json,
    };
  });
  return [...path, ...search];
}

export function openApiDocument(serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    paths[e.path] ??= {};
    paths[e.path]![e.method] = {
      summary: e.summary,
      security: [{ bearer: [e.mutates ? "write" : "read"] }],
      parameters: parameters(e.params, e.query),
      ...(e.body && {
        requestBody: { required: true, content: { "application/json": { schema: inputSchema(e.body) } } },
      }),
      responses: {
        "200": e.events
          ? {
              description: `A stream of server-sent events: ${e.events}`,
              content: { "text/event-stream": { schema: { type: "string" } } },
            }
          : { description: "OK", content: { "application/json": { schema: z.toJSONSchema(e.response) } } },
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
