import { z } from "zod";
import { specOf } from "../actions/define-action";
import { applyRevision } from "../actions/instances/apply-revision";
import { restartInstance } from "../actions/instances/restart-instance";
import { scaleInstance } from "../actions/instances/scale-instance";
import { startInstance } from "../actions/instances/start-instance";
import { stopInstance } from "../actions/instances/stop-instance";
import { stopLayout } from "../actions/instances/stop-layout";
import { archiveLayout } from "../actions/layouts/archive-layout";
import { createLayout } from "../actions/layouts/create-layout";
import { duplicateLayout } from "../actions/layouts/duplicate-layout";
import { renameLayout } from "../actions/layouts/rename-layout";
import { restoreLayout } from "../actions/layouts/restore-layout";
import { saveRevision } from "../actions/layouts/save-revision";
import { createApiToken } from "../actions/tokens/create-api-token";
import { revokeApiToken } from "../actions/tokens/revoke-api-token";
import type { ActionSpec, ServerAction } from "../actions/types";
import { addHostGrant } from "../actions/users/add-host-grant";
import { createPasswordResetLink } from "../actions/users/create-password-reset-link";
import { createUser } from "../actions/users/create-user";
import { deleteUser } from "../actions/users/delete-user";
import { disableUser } from "../actions/users/disable-user";
import { enableUser } from "../actions/users/enable-user";
import { removeHostGrant } from "../actions/users/remove-host-grant";
import { setUserRole } from "../actions/users/set-user-role";
import { type PermissionAction, scopeFor, TOKEN_SCOPE_INFO, TOKEN_SCOPES } from "../vocabulary/access";
import { getLayoutSpec, getRevisionSpec, layoutDetailOut, revisionDetailOut } from "./read/layout-specs";
import { instanceChatSpec } from "./instance-chat";
import { instanceDetailOut, instanceDetailSpec } from "./instance-detail";
import { instanceLogsSpec } from "./instance-logs";
import {
  deploymentOut,
  deploymentSpec,
  instanceOut,
  layoutOut,
  listInstancesSpec,
  listLayoutsSpec,
  listRevisionsSpec,
  revisionOut,
} from "./read/lists";
import { listTokensSpec, listUsersSpec, tokenOut, userOut } from "./read/people-specs";
import { pageOut } from "./paginate";
import { hostEndpoints } from "./host-endpoints";
import { hostOut, hostPageOut } from "./host-out";
import { metricsQueryResponseSchema } from "../metrics/api/responses";
import { instanceMetricsQueryDoc, instanceMetricsSpec } from "./metrics/instance-metrics-spec";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse with. Each operation
 * names the token scope it needs (derived from its permission action, lib/vocabulary/access.ts).
 */

type Method = "get" | "post" | "put" | "patch" | "delete";
type AnySpec = Pick<ActionSpec<z.ZodType, unknown>, "name" | "input">;

export interface Endpoint {
  method: Method;
  path: string;
  summary: string;
  spec: AnySpec;
  /** The permission action the endpoint is authorized with (its token scope follows from it). */
  action: PermissionAction;
  /** Query parameters as documented, where the spec's input is not a plain object (GET only). */
  query?: z.ZodObject;
  response: z.ZodType;
  /** A stream of server-sent events instead of JSON: what one event looks like. */
  events?: string;
}

const any = z.record(z.string(), z.unknown());
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

function of(action: ServerAction<unknown>): AnySpec {
  const spec = specOf(action);
  if (!spec) throw new Error("openapi: an endpoint's action was not built with defineAction");
  return spec;
}

const L = "/api/v1/layouts";
const U = "/api/v1/users";
export const ENDPOINTS: Endpoint[] = [
  {
    method: "get",
    path: L,
    summary: "List layouts (?archived=true for archived ones), paginated",
    spec: listLayoutsSpec,
    action: "layout.read",
    response: pageOut(layoutOut),
  },
  {
    method: "post",
    path: L,
    summary: "Create a layout from a document (its first revision)",
    spec: of(createLayout),
    action: "layout.write",
    response: any,
  },
  {
    method: "get",
    path: `${L}/{layoutId}`,
    summary: "A layout and its newest document",
    spec: getLayoutSpec,
    action: "layout.read",
    response: layoutDetailOut,
  },
  {
    method: "patch",
    path: `${L}/{layoutId}`,
    summary: "Rename a layout (a new revision with the new name)",
    spec: of(renameLayout),
    action: "layout.write",
    response: any,
  },
  {
    method: "get",
    path: `${L}/{layoutId}/revisions`,
    summary: "A layout's revisions, newest first, paginated",
    spec: listRevisionsSpec,
    action: "layout.read",
    response: pageOut(revisionOut),
  },
  {
    method: "post",
    path: `${L}/{layoutId}/revisions`,
    summary: "Save a revision (baseNumber: refused with 409 if a newer one exists)",
    spec: of(saveRevision),
    action: "layout.write",
    response: any,
  },
  {
    method: "post",
    path: `${L}/{layoutId}/duplicate`,
    summary: "Copy a layout's newest revision into a new layout you own",
    spec: of(duplicateLayout),
    action: "layout.write",
    response: any,
  },
  {
    method: "post",
    path: `${L}/{layoutId}/archive`,
    summary: "Archive a layout (revisions stay; refused while instances of it run)",
    spec: of(archiveLayout),
    action: "layout.write",
    response: any,
  },
  {
    method: "post",
    path: `${L}/{layoutId}/restore`,
    summary: "Restore an archived layout",
    spec: of(restoreLayout),
    action: "layout.write",
    response: any,
  },
  {
    method: "get",
    path: "/api/v1/revisions/{revisionId}",
    summary: "A revision's document, memory budget and findings",
    spec: getRevisionSpec,
    action: "layout.read",
    response: revisionDetailOut,
  },
  {
    method: "post",
    path: "/api/v1/revisions/{revisionId}/apply",
    summary:
      "Apply a revision: new instances start, changed ones are replaced, removed ones stop, the rest is left alone (needs a grant on every host it touches, before and after; 409 when expectedVersion is stale)",
    spec: of(applyRevision),
    action: "layout.apply",
    response: applyOut,
  },
  {
    method: "get",
    path: `${L}/{layoutId}/deployment`,
    summary: "The revision applied to a layout and its deployment version (send it as expectedVersion when applying)",
    spec: deploymentSpec,
    action: "layout.read",
    response: deploymentOut,
  },
  {
    method: "post",
    path: `${L}/{layoutId}/stop`,
    summary: "Stop every instance of a layout (needs instance.stop on every host it runs on)",
    spec: of(stopLayout),
    action: "instance.stop",
    response: stopLayoutOut,
  },
  {
    method: "get",
    path: "/api/v1/instances",
    summary:
      "Instances with each replica's observed state, host, GPUs, endpoint and container id (filter by layoutId, hostId, state), paginated",
    spec: listInstancesSpec,
    action: "instance.read",
    response: pageOut(instanceOut),
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/start",
    summary: "Set an instance's desired state to running",
    spec: of(startInstance),
    action: "instance.start",
    response: stateOut,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/stop",
    summary: "Set an instance's desired state to stopped",
    spec: of(stopInstance),
    action: "instance.stop",
    response: stateOut,
  },
  {
    method: "get",
    path: "/api/v1/instances/{instanceId}",
    summary:
      "One instance: replicas, spec as applied, state history, and (for those who may read logs) the last exit's log lines",
    spec: instanceDetailSpec,
    action: "instance.read",
    response: instanceDetailOut,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/restart",
    summary: "Replace every replica's container with a fresh one",
    spec: of(restartInstance),
    action: "instance.restart",
    response: restartOut,
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/scale",
    summary: "Run N replicas: new ones on free GPUs of the layout's hosts (409 with the reason when they don't fit)",
    spec: of(scaleInstance),
    action: "instance.scale",
    response: scaleOut,
  },
  {
    method: "get",
    path: "/api/v1/instances/{instanceId}/logs",
    summary:
      "A replica's log as server-sent events (`line` events with a JSON string, then `end`); admins and operators within their grants",
    spec: instanceLogsSpec,
    action: "instance.logs.read",
    response: z.string(),
    events: 'event: line / data: "<log line>"',
  },
  {
    method: "post",
    path: "/api/v1/instances/{instanceId}/chat",
    summary: "Send one chat message to a healthy replica; the engine's OpenAI-compatible stream comes back",
    spec: instanceChatSpec,
    action: "instance.invoke",
    response: z.string(),
    events: 'data: {"choices":[{"delta":{"content":"…"}}]} … data: [DONE]',
  },
  {
    method: "get",
    path: U,
    summary: "List users (admins), paginated",
    spec: listUsersSpec,
    action: "user.manage",
    response: pageOut(userOut),
  },
  { method: "post", path: U, summary: "Create a user", spec: of(createUser), action: "user.manage", response: any },
  {
    method: "patch",
    path: `${U}/{userId}`,
    summary: "Change a user's role",
    spec: of(setUserRole),
    action: "user.manage",
    response: any,
  },
  {
    method: "delete",
    path: `${U}/{userId}`,
    summary: "Delete a user (sessions, tokens and grants go too)",
    spec: of(deleteUser),
    action: "user.manage",
    response: any,
  },
  {
    method: "post",
    path: `${U}/{userId}/disable`,
    summary: "Disable a user: sessions end and tokens stop at once",
    spec: of(disableUser),
    action: "user.manage",
    response: any,
  },
  {
    method: "post",
    path: `${U}/{userId}/enable`,
    summary: "Enable a disabled user",
    spec: of(enableUser),
    action: "user.manage",
    response: any,
  },
  {
    method: "post",
    path: `${U}/{userId}/password-reset`,
    summary: "A one-time password-reset link (24 h) to hand to the user",
    spec: of(createPasswordResetLink),
    action: "user.manage",
    response: any,
  },
  {
    method: "post",
    path: `${U}/{userId}/grants`,
    summary: "Grant an operator the hosts matching a selector",
    spec: of(addHostGrant),
    action: "user.manage",
    response: any,
  },
  {
    method: "delete",
    path: `${U}/{userId}/grants/{grantId}`,
    summary: "Remove a host grant",
    spec: of(removeHostGrant),
    action: "user.manage",
    response: any,
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    summary: "Your API tokens (an admin sees all), paginated",
    spec: listTokensSpec,
    action: "token.manage",
    response: pageOut(tokenOut),
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token (shown once)",
    spec: of(createApiToken),
    action: "token.manage",
    response: any,
  },
  {
    method: "post",
    path: "/api/v1/tokens/{tokenId}/revoke",
    summary: "Revoke an API token at once",
    spec: of(revokeApiToken),
    action: "token.manage",
    response: any,
  },
  {
    method: "get",
    path: "/api/v1/instances/{instanceId}/metrics",
    summary:
      "An instance's named series over a range (data, or an 'unavailable' state with its reason and since when; down targets listed)",
    spec: instanceMetricsSpec,
    query: instanceMetricsQueryDoc,
    action: "instance.read",
    response: metricsQueryResponseSchema,
  },
  ...hostEndpoints(hostOut, hostPageOut),
];

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function fields(input: z.ZodType): Record<string, z.ZodType> {
  return input instanceof z.ZodObject ? (input.shape as Record<string, z.ZodType>) : {};
}

function operation(e: Endpoint) {
  const inPath = pathParams(e.path);
  const all = { ...fields(e.spec.input), ...(e.query?.shape as Record<string, z.ZodType> | undefined) };
  const rest = Object.entries(all).filter(([name]) => !inPath.includes(name));
  const scope = scopeFor(e.action);
  const parameters = [
    ...inPath.map((name) => ({
      name,
      in: "path",
      required: true,
      schema: all[name] ? z.toJSONSchema(all[name], { io: "input", unrepresentable: "any" }) : { type: "string" },
    })),
    ...(e.method === "get"
      ? rest.map(([name, schema]) => ({
          name,
          in: "query",
          required: !schema.safeParse(undefined).success,
          schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
        }))
      : []),
  ];
  const body =
    e.method !== "get" && rest.length > 0
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: z.toJSONSchema(z.object(Object.fromEntries(rest)), { io: "input", unrepresentable: "any" }),
              },
            },
          },
        }
      : {};
  const error = { content: { "application/json": { schema: z.toJSONSchema(errorOut) } } };
  return {
    operationId: e.spec.name,
    summary: e.summary,
    description: scope ? `Token scope: ${scope}. Permission: ${e.action}.` : `Permission: ${e.action}.`,
    security: [{ bearer: scope ? [scope] : [] }],
    parameters,
    ...body,
    responses: {
      "200": e.events
        ? {
            description: `Server-sent events: ${e.events}`,
            content: { "text/event-stream": { schema: { type: "string" } } },
          }
        : {
            description: "OK",
            content: { "application/json": { schema: z.toJSONSchema(e.response, { unrepresentable: "any" }) } },
          },
      "401": { description: "Not signed in, or the token is invalid, expired or revoked", ...error },
      "403": { description: "Signed in, but the role, host grants or token scopes do not allow it", ...error },
      "404": { description: "The resource does not exist", ...error },
      "409": {
        description: "The change conflicts with the current state (a newer revision, the last admin…)",
        ...error,
      },
      "422": { description: "The input is invalid (fieldErrors name each field)", ...error },
    },
  };
}

export function openApiDocument(serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    paths[e.path] ??= {};
    paths[e.path]![e.method] = operation(e);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "fleetdeck API",
      version: "1",
      description:
        "Send `Authorization: Bearer fd_…` (Settings → API tokens, or `npm run --silent cli -- admin create-token`). Lists take ?limit= (1–1,000, default 100) and ?cursor= (the previous page's nextCursor).",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `fleetdeck API token (fd_…). Scopes: ${TOKEN_SCOPES.map((s) => `${s} (${TOKEN_SCOPE_INFO[s].allows})`).join("; ")}.`,
        },
      },
    },
    paths,
  };
}
