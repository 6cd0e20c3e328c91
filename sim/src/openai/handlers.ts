import type { IncomingMessage, ServerResponse } from "node:http";
import { chatPromptTokens, estimateTokens } from "../engine/tokens";
import { sendJson, SseWriter } from "../http";
import { type Frontend, generate, requestId, requestSpec } from "./generate";
import { chatRequestSchema, completionPrompt, completionRequestSchema, describeIssue, messageText } from "./schema";

const now = () => Math.floor(Date.now() / 1000);

function usage(prompt: number, completion: number) {
  return {
    prompt_tokens: prompt,
    total_tokens: prompt + completion,
    completion_tokens: completion,
    prompt_tokens_details: null,
  };
}

function checkModel(frontend: Frontend, res: ServerResponse, model: string | null | undefined): boolean {
  if (!model || model === frontend.servedModelName) return true;
  frontend.badRequest(res, `The model \`${model}\` does not exist.`, 404, "NotFoundError");
  return false;
}

/** POST /v1/completions */
export function completions(frontend: Frontend) {
  return (_req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const parsed = completionRequestSchema.safeParse(body ?? {});
    if (!parsed.success) return frontend.badRequest(res, describeIssue(parsed.error));
    const request = parsed.data;
    if (!checkModel(frontend, res, request.model)) return;
    const prompt = completionPrompt(request.prompt, estimateTokens);
    const id = requestId("cmpl");
    const spec = requestSpec(frontend, id, {
      prompt: prompt.text,
      promptTokens: prompt.tokens,
      ...(request.max_tokens ? { maxTokens: request.max_tokens } : { maxTokens: 16 }),
      ignoreEos: request.ignore_eos ?? false,
    });
    if ("error" in spec) return frontend.badRequest(res, spec.error);
    const created = now();
    const base = { id, object: "text_completion", created, model: frontend.servedModelName };
    const choice = (text: string, finish: string | null) => ({
      index: 0,
      text,
      logprobs: null,
      finish_reason: finish,
      stop_reason: null,
      ...(finish === null ? {} : { prompt_logprobs: null }),
    });
    if (request.stream) {
      const sse = new SseWriter(res);
      generate(frontend, res, spec, prompt.text, {
        onToken: (piece, event) => sse.send({ ...base, choices: [choice(piece, event.finished ?? null)] }),
        onDone: (_text, event) => {
          if (request.stream_options?.include_usage)
            sse.send({ ...base, choices: [], usage: usage(spec.promptTokens, event.index + 1) });
          sse.send("[DONE]");
          sse.end();
        },
        onAbort: () => sse.end(),
      });
      return;
    }
    generate(frontend, res, spec, prompt.text, {
      onToken: () => {},
      onDone: (text, event) =>
        sendJson(res, 200, {
          ...base,
          choices: [choice(text, event.finished ?? "stop")],
          usage: usage(spec.promptTokens, event.index + 1),
          kv_transfer_params: null,
        }),
      onAbort: () =>
        frontend.badRequest(
          res,
          "The request was aborted: it can never fit in the KV cache.",
          500,
          "InternalServerError",
        ),
    });
  };
}

/** POST /v1/chat/completions */
export function chatCompletions(frontend: Frontend) {
  return (_req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const parsed = chatRequestSchema.safeParse(body ?? {});
    if (!parsed.success) return frontend.badRequest(res, describeIssue(parsed.error));
    const request = parsed.data;
    if (!checkModel(frontend, res, request.model)) return;
    const messages = request.messages.map((m) => ({ content: messageText(m.content) }));
    const promptText = messages.map((m) => m.content).join("\n");
    const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
    const id = requestId("chatcmpl");
    const spec = requestSpec(frontend, id, {
      prompt: promptText,
      promptTokens: chatPromptTokens(messages),
      ...(maxTokens ? { maxTokens } : {}),
      ignoreEos: request.ignore_eos ?? false,
    });
    if ("error" in spec) return frontend.badRequest(res, spec.error);
    const created = now();
    const base = { id, created, model: frontend.servedModelName };
    if (request.stream) {
      const sse = new SseWriter(res);
      const chunk = (delta: object, finish: string | null) => ({
        ...base,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish, ...(finish ? { stop_reason: null } : {}) }],
      });
      sse.send(chunk({ role: "assistant", content: "" }, null));
      generate(frontend, res, spec, promptText, {
        onToken: (piece, event) => sse.send(chunk({ content: piece }, event.finished ?? null)),
        onDone: (_text, event) => {
          if (request.stream_options?.include_usage)
            sse.send({
              ...base,
              object: "chat.completion.chunk",
              choices: [],
              usage: usage(spec.promptTokens, event.index + 1),
            });
          sse.send("[DONE]");
          sse.end();
        },
        onAbort: () => sse.end(),
      });
      return;
    }
    generate(frontend, res, spec, promptText, {
      onToken: () => {},
      onDone: (text, event) =>
        sendJson(res, 200, {
          ...base,
          object: "chat.completion",
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content: text,
                refusal: null,
                annotations: null,
                audio: null,
                function_call: null,
                tool_calls: [],
                reasoning_content: null,
              },
              logprobs: null,
              finish_reason: event.finished ?? "stop",
              stop_reason: null,
            },
          ],
          service_tier: null,
          system_fingerprint: null,
          usage: usage(spec.promptTokens, event.index + 1),
          prompt_logprobs: null,
          kv_transfer_params: null,
        }),
      onAbort: () =>
        frontend.badRequest(
          res,
          "The request was aborted: it can never fit in the KV cache.",
          500,
          "InternalServerError",
        ),
    });
  };
}
