import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { RequestSpec, TokenEvent } from "../engine/request";
import type { RealTimeRunner } from "../engine/runner";
import { naturalLength, tokenText } from "../engine/tokens";

/** What a face tells the OpenAI-compatible handlers about itself. */
export interface Frontend {
  servedModelName: string;
  maxModelLen: number;
  pickRunner(): RealTimeRunner;
  /** The face's error JSON and status for a client mistake. */
  badRequest(res: ServerResponse, message: string, status?: number, type?: string): void;
}

export interface Generation {
  prompt: string;
  promptTokens: number;
  maxTokens?: number;
  ignoreEos?: boolean;
}

export const requestId = (prefix: string): string => `${prefix}-${randomBytes(16).toString("hex")}`;

/** Output length and finish reason: max_tokens when given (or ignore_eos), else the model's natural stop, within the context. */
export function requestSpec(frontend: Frontend, id: string, gen: Generation): RequestSpec | { error: string } {
  const room = frontend.maxModelLen - gen.promptTokens;
  if (room <= 0) {
    return {
      error: `This model's maximum context length is ${frontend.maxModelLen} tokens. However, your request has ${gen.promptTokens} input tokens. Please reduce the length of the input messages.`,
    };
  }
  if (gen.maxTokens !== undefined && gen.maxTokens > room) {
    return {
      error: `'max_tokens' or 'max_completion_tokens' is too large: ${gen.maxTokens}. This model's maximum context length is ${frontend.maxModelLen} tokens and your request has ${gen.promptTokens} input tokens (${gen.maxTokens} > ${frontend.maxModelLen} - ${gen.promptTokens}).`,
    };
  }
  const natural = naturalLength(gen.prompt);
  const limit = gen.maxTokens ?? room;
  const stopsEarly = !gen.ignoreEos && natural < limit;
  const outputTokens = stopsEarly ? natural : limit;
  return {
    id,
    promptTokens: gen.promptTokens,
    outputTokens,
    ...(gen.maxTokens !== undefined ? { maxTokensParam: gen.maxTokens } : {}),
    finishReason: stopsEarly ? "stop" : "length",
  };
}

export interface StreamCallbacks {
  onToken(text: string, event: TokenEvent): void;
  onDone(text: string, event: TokenEvent): void;
  onAbort(): void;
}

/** Submits the request and feeds tokens to the callbacks; a closed connection cancels it. */
export function generate(
  frontend: Frontend,
  res: ServerResponse,
  spec: RequestSpec,
  prompt: string,
  callbacks: StreamCallbacks,
): void {
  const runner = frontend.pickRunner();
  let text = "";
  let done = false;
  const seq = runner.submit(spec, (event) => {
    if ("aborted" in event) {
      done = true;
      callbacks.onAbort();
      return;
    }
    const piece = tokenText(prompt, event.index);
    text += piece;
    callbacks.onToken(piece, event);
    if (event.finished) {
      done = true;
      callbacks.onDone(text, event);
    }
  });
  res.on("close", () => {
    if (!done) runner.cancel(seq);
  });
}
