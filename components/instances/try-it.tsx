"use client";

import { useState } from "react";
import { primaryButtonClass } from "@/components/ui/buttons";

/** Reads the engine's OpenAI-compatible stream: `data: {choices: [{delta: {content}}]}` lines until `data: [DONE]`. */
async function readAnswer(body: ReadableStream<Uint8Array>, onText: (text: string) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      const data = line.startsWith("data:") ? line.slice(5).trim() : "";
      if (!data || data === "[DONE]") continue;
      const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) onText(text);
    }
  }
}

/** "Try it": one chat message to a healthy replica, through the server, its answer streamed as it comes. */
export function TryIt({ instanceId, replicas }: { instanceId: string; replicas: number[] }) {
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="try-heading" className="mb-8">
      <h2 id="try-heading" className="mb-2 text-lg font-semibold">
        Try it
      </h2>
      <form
        aria-label="Try it"
        className="space-y-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setAnswer("");
          setError(null);
          setBusy(true);
          try {
            const response = await fetch(`/api/v1/instances/${instanceId}/chat`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ message: String(f.get("message")), replica: Number(f.get("replica") ?? 0) }),
            });
            if (!response.ok || !response.body) {
              const body = (await response.json().catch(() => ({}))) as { error?: string };
              setError(body.error ?? `The server answered ${response.status}.`);
              return;
            }
            await readAnswer(response.body, (text) => setAnswer((a) => a + text));
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <textarea
          name="message"
          aria-label="Message"
          required
          rows={3}
          defaultValue="Say hello in five words."
          className="w-full rounded-md border border-slate-300 p-2 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <div className="flex items-center gap-2">
          {replicas.length > 1 && (
            <select name="replica" aria-label="Replica to ask" className="rounded border px-1 text-sm">
              {replicas.map((r) => (
                <option key={r} value={r}>
                  replica {r}
                </option>
              ))}
            </select>
          )}
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? "Answering…" : "Send"}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <output
        aria-label="Answer"
        aria-live="polite"
        className="mt-2 block min-h-8 rounded bg-slate-50 p-2 text-sm whitespace-pre-wrap dark:bg-slate-900"
      >
        {answer}
      </output>
    </section>
  );
}
