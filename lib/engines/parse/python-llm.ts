import { isUnresolved, type PyValue, PyReader } from "./python-literal";

export interface LlmCall {
  /** Keyword arguments in order; the first positional argument becomes `model`. */
  kwargs: { name: string; value: PyValue }[];
  /** Arguments whose value is a variable or expression, not a literal. */
  unresolved: { name: string; source: string }[];
}

const LLM_CALL = /(?<![A-Za-z0-9_])LLM\s*\(/g;

/** Finds every `LLM(...)` call (also `vllm.LLM(...)`) and reads its arguments. */
export function findLlmCalls(text: string): LlmCall[] {
  const calls: LlmCall[] = [];
  for (const match of text.matchAll(LLM_CALL)) {
    calls.push(readCall(text, (match.index ?? 0) + match[0].length));
  }
  return calls;
}

function readCall(text: string, start: number): LlmCall {
  const reader = new PyReader(text, start);
  const call: LlmCall = { kwargs: [], unresolved: [] };
  let positional = 0;
  for (;;) {
    reader.skipSpace();
    if (reader.peek() === ")" || reader.peek() === "") break;
    const before = reader.pos;
    const name = reader.identifier();
    reader.skipSpace();
    let argName: string;
    if (name !== undefined && reader.peek() === "=" && text[reader.pos + 1] !== "=") {
      reader.pos += 1;
      argName = name;
    } else {
      reader.pos = before;
      argName = positional === 0 ? "model" : `#${positional}`;
      positional += 1;
    }
    const value = reader.value();
    if (isUnresolved(value)) call.unresolved.push({ name: argName, source: value.unresolved });
    else call.kwargs.push({ name: argName, value });
    reader.skipSpace();
    if (reader.peek() === ",") reader.pos += 1;
    else if (reader.peek() !== ")") break;
  }
  return call;
}
