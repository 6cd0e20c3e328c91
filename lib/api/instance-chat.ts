import "server-only";
import { existingInstance } from "../actions/instances/existing-instance";
import { checksForInstance } from "../actions/instances/checks-for-instance";
import type { ActionSpec } from "../actions/types";
import { ActionError } from "../server/action-error";
import { instanceSchema } from "../vocabulary/layout-schema";
import { instanceChatInput } from "./instance-inputs";

interface ChatTarget {
  endpoint: string;
  model: string;
  message: string;
  maxTokens: number;
}

const ANSWER_TIMEOUT_MS = 120_000;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}

/** The engine's OpenAI-compatible stream (`data: {choices: [{delta: {content}}]}` … `data: [DONE]`), passed through. */
async function forward(target: ChatTarget): Promise<Response> {
  let upstream: Response;
  try {
    upstream = await fetch(`${target.endpoint}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: target.model,
        stream: true,
        max_tokens: target.maxTokens,
        messages: [{ role: "user", content: target.message }],
      }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
  } catch (error) {
    return json(502, { error: `The instance did not answer at ${target.endpoint}: ${(error as Error).message}.` });
  }
  if (!upstream.ok || !upstream.body) {
    const text = (await upstream.text().catch(() => "")).slice(0, 500);
    return json(502, { error: `The instance answered ${upstream.status}: ${text || upstream.statusText}` });
  }
  return new Response(upstream.body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}

export const instanceChatSpec = {
  name: "instance.invoke",
  input: instanceChatInput,
  authorize: (input) => checksForInstance("instance.invoke", input.instanceId),
  run: async (input, { tx }) => {
    const instance = await existingInstance(tx, input.instanceId);
    const replica = await tx.instanceReplica.findUnique({
      where: { instanceId_replica: { instanceId: instance.id, replica: input.replica } },
    });
    if (!replica) throw new ActionError(`${instance.instanceKey} has no replica ${input.replica}.`, { status: 404 });
    if (replica.state !== "healthy" || !replica.endpoint)
      throw new ActionError(
        `Replica ${input.replica} of ${instance.instanceKey} is ${replica.state}, not healthy: try again once it answers /health.`,
        { status: 409 },
      );
    const spec = instanceSchema.parse(JSON.parse(instance.spec));
    return {
      data: { endpoint: replica.endpoint, model: spec.model, message: input.message, maxTokens: input.maxTokens },
      // The prompt can be private: the audit row says who asked which replica, not what.
      audit: {
        targetType: "instance",
        targetId: instance.id,
        after: { replica: input.replica, maxTokens: input.maxTokens },
      },
    };
  },
  respond: forward,
} satisfies ActionSpec<typeof instanceChatInput, ChatTarget> & { respond: (data: ChatTarget) => Promise<Response> };
