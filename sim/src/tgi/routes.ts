import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { RealTimeRunner } from "../engine/runner";
import { estimateTokens, tokenId } from "../engine/tokens";
import { type Handler, type Routes, sendJson, sendText, SseWriter } from "../http";
import { type Frontend, generate, requestId, requestSpec } from "../openai/generate";
import { chatCompletions, completions } from "../openai/handlers";
import type { TgiSettings } from "./config";
import type { TgiMetrics } from "./metrics";

export interface TgiLimits {
  maxInputTokens: number;
  maxTotalTokens: number;
}

const generateSchema = z
  .object({
    inputs: z.string().min(1, "`inputs` cannot be empty"),
    parameters: z
      .object({
        max_new_tokens: z.number().int().nullish(),
        details: z.boolean().nullish(),
        stream: z.boolean().nullish(),
      })
      .passthrough()
      .nullish(),
    stream: z.boolean().nullish(),
  })
  .passthrough();

const tgiError = (res: ServerResponse, status: number, error: string, type: string) =>
  sendJson(res, status, { error, error_type: type });

export function tgiRoutes(
  settings: TgiSettings,
  limits: TgiLimits,
  runner: RealTimeRunner,
  metrics: TgiMetrics,
): Routes {
  let inFlight = 0;
  const frontend: Frontend = {
    servedModelName: "tgi",
    maxModelLen: limits.maxTotalTokens,
    pickRunner: () => runner,
    badRequest: (res, message, status = 422) =>
      tgiError(res, status, message, status === 422 ? "validation" : "generation"),
  };
  /** max_concurrent_requests: beyond it TGI answers 429 "Model is overloaded". */
  const admitted =
    (handler: Handler): Handler =>
    (req, res, body) => {
      if (inFlight >= settings.maxConcurrentRequests) {
        metrics.requestFailed("overloaded");
        return tgiError(res, 429, "Model is overloaded", "overloaded");
      }
      inFlight += 1;
      res.on("close", () => (inFlight -= 1));
      return handler(req, res, body);
    };
  const native = (stream: boolean) =>
    admitted((_req, res, body) => nativeGenerate(settings, limits, frontend, metrics, res, body, stream));
  const info: Handler = (_req, res) =>
    sendJson(res, 200, {
      model_id: settings.modelId,
      model_sha: null,
      model_pipeline_tag: "text-generation",
      max_concurrent_requests: settings.maxConcurrentRequests,
      max_best_of: 2,
      max_stop_sequences: 4,
      max_input_tokens: limits.maxInputTokens,
      max_total_tokens: limits.maxTotalTokens,
      validation_workers: 2,
      max_client_batch_size: 4,
      router: "text-generation-router",
      version: settings.version,
      sha: null,
      docker_label: null,
    });
  const withOpenAi = (handler: Handler): Handler =>
    admitted((req, res, body) => {
      metrics.countRequest();
      return handler(req, res, body);
    });
  return {
    "GET /health": (_req, res) => {
      res.writeHead(200, { "content-length": 0 });
      res.end();
    },
    "GET /info": info,
    "GET /metrics": (_req, res) => sendText(res, 200, metrics.render(), "text/plain; charset=utf-8"),
    "GET /v1/models": (_req, res) =>
      sendJson(res, 200, {
        object: "list",
        data: [{ id: settings.modelId, object: "model", created: 0, owned_by: settings.modelId }],
      }),
    "POST /generate": native(false),
    "POST /generate_stream": native(true),
    "POST /": admitted((_req, res, body) =>
      nativeGenerate(
        settings,
        limits,
        frontend,
        metrics,
        res,
        body,
        Boolean((body as { stream?: boolean } | undefined)?.stream),
      ),
    ),
    "POST /v1/completions": withOpenAi(completions(frontend)),
    "POST /v1/chat/completions": withOpenAi(chatCompletions(frontend)),
  };
}

function nativeGenerate(
  settings: TgiSettings,
  limits: TgiLimits,
  frontend: Frontend,
  metrics: TgiMetrics,
  res: ServerResponse,
  body: unknown,
  stream: boolean,
) {
  const parsed = generateSchema.safeParse(body ?? {});
  if (!parsed.success) {
    metrics.requestFailed("validation");
    return tgiError(res, 422, parsed.error.issues[0]?.message ?? "invalid request", "validation");
  }
  const { inputs, parameters } = parsed.data;
  const inputLength = estimateTokens(inputs);
  const maxNew = parameters?.max_new_tokens ?? undefined;
  if (maxNew !== undefined && maxNew <= 0)
    return tgiError(res, 422, "`max_new_tokens` must be strictly positive", "validation");
  if (inputLength > limits.maxInputTokens)
    return tgiError(
      res,
      422,
      `\`inputs\` must have less than ${limits.maxInputTokens} tokens. Given: ${inputLength}`,
      "validation",
    );
  if (maxNew !== undefined && inputLength + maxNew > limits.maxTotalTokens) {
    metrics.requestFailed("validation");
    return tgiError(
      res,
      422,
      `\`inputs\` tokens + \`max_new_tokens\` must be <= ${limits.maxTotalTokens}. Given: ${inputLength} \`inputs\` tokens and ${maxNew} \`max_new_tokens\``,
      "validation",
    );
  }
  const spec = requestSpec(frontend, requestId("tgi"), {
    prompt: inputs,
    promptTokens: inputLength,
    ...(maxNew !== undefined ? { maxTokens: maxNew } : {}),
  });
  if ("error" in spec) return tgiError(res, 422, spec.error, "validation");
  metrics.requestReceived(inputLength, spec.maxTokensParam ?? spec.outputTokens);
  const started = Date.now();
  const finishReason = (f: string | undefined) => (f === "length" ? "length" : "eos_token");
  if (stream) {
    const sse = new SseWriter(res, "data:");
    generate(frontend, res, spec, inputs, {
      onToken: (piece, event) => {
        const token = { id: tokenId(inputs, event.index), text: piece, logprob: -0.1, special: false };
        if (!event.finished) return sse.send({ index: event.index + 1, token, generated_text: null, details: null });
      },
      onDone: (text, event) => {
        const token = { id: tokenId(inputs, event.index), text: "", logprob: -0.1, special: true };
        sse.send({
          index: event.index + 1,
          token,
          generated_text: text,
          details: {
            finish_reason: finishReason(event.finished),
            generated_tokens: event.index + 1,
            seed: null,
            input_length: inputLength,
          },
        });
        sse.end();
      },
      onAbort: () => sse.end(),
    });
    return;
  }
  generate(frontend, res, spec, inputs, {
    onToken: () => {},
    onDone: (text, event) => {
      const tookMs = Date.now() - started;
      const headers = {
        "x-compute-type": `${settings.numShard}-nvidia-${settings.shards[0]?.spec.id ?? "gpu"}`,
        "x-total-time": String(tookMs),
        "x-prompt-tokens": String(inputLength),
        "x-generated-tokens": String(event.index + 1),
      };
      const details =
        parsed.data.parameters?.details === true
          ? {
              details: {
                finish_reason: finishReason(event.finished),
                generated_tokens: event.index + 1,
                seed: null,
                prefill: [],
                tokens: [],
              },
            }
          : {};
      sendJson(res, 200, { generated_text: text, ...details }, headers);
    },
    onAbort: () =>
      tgiError(res, 500, "Request failed during generation: the request can never fit in the KV cache", "generation"),
  });
}

export const tgiNotFound: Handler = (_req, res) => {
  res.writeHead(404, { "content-length": 0 });
  res.end();
};
