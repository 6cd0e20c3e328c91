/**
 * Text without a model: token counts are estimated (no tokenizer ships in the image) and output
 * tokens are words drawn deterministically from the prompt, so the same request always gets the
 * same answer. Estimate: one token per CJK character plus one per four other characters.
 */
const WORDS = (
  "the of and to in is that for it as with on be by this are from at or an which can model tokens each " +
  "cache memory batch layer GPU request latency prefill decode value engine block sequence attention kernel " +
  "weights throughput context server queue stream result data time step run load shard rank parallel"
).split(" ");

export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function estimateTokens(text: string): number {
  let wide = 0;
  for (const char of text) if (char.codePointAt(0)! >= 0x2e80) wide += 1;
  const narrow = [...text].length - wide;
  return Math.max(1, wide + Math.ceil(narrow / 4));
}

/** A chat template adds a few tokens per message and the assistant's turn header. */
export function chatPromptTokens(messages: ReadonlyArray<{ content: string }>): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 5, 3);
}

/** How long the simulated model answers when the client sets no max_tokens: 32–255 tokens, fixed per prompt. */
export const naturalLength = (prompt: string): number => 32 + (fnv1a(prompt) % 224);

/** The index-th output token for this prompt. */
export function tokenText(prompt: string, index: number): string {
  const word = WORDS[fnv1a(`${index}`, fnv1a(prompt)) % WORDS.length]!;
  return index === 0 ? word[0]!.toUpperCase() + word.slice(1) : ` ${word}`;
}

export const tokenId = (prompt: string, index: number): number => fnv1a(`${index}`, fnv1a(prompt)) % 151_000;
