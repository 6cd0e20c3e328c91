import type { IncomingMessage, ServerResponse } from "node:http";
import type { RealTimeRunner } from "../engine/runner";
import { type Handler, type Routes, sendJson, sendText } from "../http";
import type { Frontend } from "../openai/generate";
import { chatCompletions, completions } from "../openai/handlers";
import { atLeast } from "../cli/spec";
import type { VllmSettings } from "./config";
import type { VllmMetrics } from "./metrics";

/** vLLM's error JSON: OpenAI's {"error": {...}} from 0.10.2, the flat {"object": "error", ...} before. */
export function vllmError(version: string) {
  return (res: ServerResponse, message: string, status = 400, type = "BadRequestError") => {
    const body = { message, type, param: null, code: status };
    sendJson(res, status, atLeast(version, "0.10.2") ? { error: body } : { object: "error", ...body });
  };
}

export function vllmFrontend(settings: VllmSettings, runners: readonly RealTimeRunner[]): Frontend {
  let next = 0;
  return {
    servedModelName: settings.servedModelName,
    maxModelLen: settings.maxModelLen,
    pickRunner: () => runners[next++ % runners.length]!,
    badRequest: vllmError(settings.version),
  };
}

/** --api-key (or VLLM_API_KEY): every /v1 route wants `Authorization: Bearer <key>`. */
function guarded(keys: readonly string[], handler: Handler): Handler {
  if (keys.length === 0) return handler;
  return (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const auth = req.headers.authorization ?? "";
    if (keys.some((key) => auth === `Bearer ${key}`)) return handler(req, res, body);
    sendJson(res, 401, { error: "Unauthorized" });
  };
}

export function vllmRoutes(settings: VllmSettings, frontend: Frontend, metrics: VllmMetrics): Routes {
  const created = Math.floor(Date.now() / 1000);
  const models: Handler = (_req, res) =>
    sendJson(res, 200, {
      object: "list",
      data: [
        {
          id: settings.servedModelName,
          object: "model",
          created,
          owned_by: "vllm",
          root: settings.model,
          parent: null,
          max_model_len: settings.maxModelLen,
          permission: [
            {
              id: `modelperm-${created}`,
              object: "model_permission",
              created,
              allow_create_engine: false,
              allow_sampling: true,
              allow_logprobs: true,
              allow_search_indices: false,
              allow_view: true,
              allow_fine_tuning: false,
              organization: "*",
              group: null,
              is_blocking: false,
            },
          ],
        },
      ],
    });
  return {
    "GET /health": (_req, res) => {
      res.writeHead(200, { "content-length": 0 });
      res.end();
    },
    "GET /ping": (_req, res) => sendJson(res, 200, {}),
    "GET /version": (_req, res) => sendJson(res, 200, { version: settings.version }),
    "GET /metrics": (_req, res) => sendText(res, 200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8"),
    "GET /v1/models": guarded(settings.apiKeys, models),
    "POST /v1/completions": guarded(settings.apiKeys, completions(frontend)),
    "POST /v1/chat/completions": guarded(settings.apiKeys, chatCompletions(frontend)),
  };
}

export const vllmNotFound: Handler = (_req, res) => sendJson(res, 404, { detail: "Not Found" });
