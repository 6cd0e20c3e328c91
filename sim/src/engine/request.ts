export type FinishReason = "stop" | "length" | "abort";

/** What a client asked for, after the face turned text into token counts. */
export interface RequestSpec {
  id: string;
  promptTokens: number;
  /** Tokens the simulated model will produce before it stops. */
  outputTokens: number;
  /** `max_tokens` as the client sent it, if it did (for the histogram of that parameter). */
  maxTokensParam?: number;
  /** Why generation ends once outputTokens are out: "length" when max_tokens was reached, else "stop". */
  finishReason: Exclude<FinishReason, "abort">;
}

/** A request inside an engine core. Times are engine milliseconds. */
export interface SeqState {
  spec: RequestSpec;
  arrivalMs: number;
  /** Tokens whose KV is in the cache (drops to 0 on preemption: vLLM V1 recomputes). */
  computed: number;
  generated: number;
  blocks: number;
  firstScheduledMs?: number;
  firstTokenMs?: number;
  lastTokenMs?: number;
  /** When the token before the last one came out: the inter-token gap is lastTokenMs − previousTokenMs. */
  previousTokenMs?: number;
  preemptions: number;
}

/** Prompt plus the tokens generated so far: what must be in the cache before the next token. */
export const contextLength = (seq: SeqState): number => seq.spec.promptTokens + seq.generated;

export interface TokenEvent {
  seq: SeqState;
  atMs: number;
  /** Index of the token in the output (0 = first). */
  index: number;
  finished?: Exclude<FinishReason, "abort">;
}
