/** The built-in prompt set: short, varied real questions (prompt lengths from the engine's own tokenizer). */
export const BUILTIN_PROMPTS: readonly string[] = [
  "Explain the difference between tensor parallelism and pipeline parallelism in two paragraphs.",
  "Write a Python function that returns the n-th Fibonacci number iteratively, with a docstring.",
  "Summarize the causes of the French Revolution for a high-school student.",
  "What is a KV cache in a transformer, and why does it grow with the context length?",
  "Translate into French: The GPU ran out of memory while loading the model weights.",
  "List five practical tips for reducing the latency of an HTTP API.",
  "Describe how continuous batching differs from static batching when serving language models.",
  "Write a haiku about a data centre at night.",
];

/** Words a tokenizer reads as about one token each. */
const WORDS = ["the", "model", "serves", "tokens", "from", "a", "cache", "on", "every", "card", "in", "the", "fleet"];

/** A prompt of about `tokens` tokens, varied by `seed` so prefix caching does not turn the test into a cache test. */
export function syntheticPrompt(tokens: number, seed: number): string {
  const words: string[] = [`Request ${seed}:`];
  for (let i = 0; words.length < tokens; i++) words.push(WORDS[(i * 7 + seed) % WORDS.length]!);
  return words.join(" ");
}
