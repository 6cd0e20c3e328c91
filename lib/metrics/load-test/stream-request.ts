import "server-only";
import type { RequestSample } from "./load-test-result";

export interface StreamRequest {
  /** The engine's base URL (http://host:port). */
  endpoint: string;
  engine: "vllm" | "tgi";
  /** vLLM's served model name. */
  model: string;
  prompt: string;
  maxTokens: number;
  signal: AbortSignal;
}

const after = (t0: number) => performance.now() - t0;

/** Reads an SSE body line by line, calling `onData` with each `data:` payload. */
async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line.startsWith("data:")) onData(line.slice(5).trim());
      newline = buffered.indexOf("\n");
    }
  }
}

function requestOf(r: StreamRequest): { url: string; body: unknown } {
  if (r.engine === "tgi")
    return {
      url: new URL("/generate_stream", r.endpoint).toString(),
      body: { inputs: r.prompt, parameters: { max_new_tokens: r.maxTokens, details: true } },
    };
  return {
    url: new URL("/v1/completions", r.endpoint).toString(),
    body: {
      model: r.model,
      prompt: r.prompt,
      max_tokens: r.maxTokens,
      temperature: 0,
      stream: true,
      ignore_eos: true,
      stream_options: { include_usage: true },
    },
  };
}

/**
 * One streamed generation, timed: time to the first token, the gaps between tokens, end to end. vLLM through its
 * OpenAI completions API (usage from `include_usage`), TGI through /generate_stream (counts from its details).
 */
export async function streamRequest(r: StreamRequest): Promise<RequestSample> {
  const { url, body } = requestOf(r);
  const t0 = performance.now();
  let ttftMs: number | null = null;
  let last = 0;
  const itlMs: number[] = [];
  let tokens = 0;
  let promptTokens = 0;
  let reportedTokens: number | null = null;
  const fail = (error: string): RequestSample => ({
    ok: false,
    error,
    ttftMs,
    itlMs,
    e2eMs: after(t0),
    promptTokens,
    outputTokens: tokens,
  });
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal: r.signal,
    });
    if (!res.ok || !res.body) {
      const text = (await res.text().catch(() => "")).slice(0, 200);
      return fail(`HTTP ${res.status}${text ? `: ${text}` : ""}`);
    }
    let engineError: string | null = null;
    await readEvents(res.body, (data) => {
      if (data === "[DONE]") return;
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(data) as Record<string, unknown>;
      } catch {
        return;
      }
      if (typeof event.error === "string" || typeof event.error === "object") {
        engineError = typeof event.error === "string" ? event.error : JSON.stringify(event.error);
        return;
      }
      const text =
        r.engine === "tgi"
          ? (event.token as { special?: boolean; text?: string } | undefined)?.special
            ? ""
            : ((event.token as { text?: string } | undefined)?.text ?? "")
          : ((event.choices as { text?: string }[] | undefined)?.[0]?.text ?? "");
      if (text !== "") {
        const now = after(t0);
        if (ttftMs === null) ttftMs = now;
        else itlMs.push(now - last);
        last = now;
        tokens += 1;
      }
      const usage = event.usage as { prompt_tokens?: number; completion_tokens?: number } | undefined;
      if (usage?.completion_tokens !== undefined) reportedTokens = usage.completion_tokens;
      if (usage?.prompt_tokens !== undefined) promptTokens = usage.prompt_tokens;
      const details = event.details as { generated_tokens?: number; input_length?: number } | null | undefined;
      if (details?.generated_tokens !== undefined) reportedTokens = details.generated_tokens;
      if (details?.input_length !== undefined) promptTokens = details.input_length;
    });
    if (engineError) return fail(`the engine reported: ${engineError}`);
    if (ttftMs === null) return fail("the stream ended without a token");
    return { ok: true, ttftMs, itlMs, e2eMs: after(t0), promptTokens, outputTokens: reportedTokens ?? tokens };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === "AbortError" || err.name === "TimeoutError")
      return fail(
        r.signal.reason instanceof Error && r.signal.reason.name === "TimeoutError" ? "timed out" : "stopped",
      );
    return fail(err.cause?.code ? `cannot reach the engine (${err.cause.code})` : err.message);
  }
}
