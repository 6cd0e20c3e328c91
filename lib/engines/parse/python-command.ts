import type { RawFlag } from "../types";
import { parseEngineArgs } from "./engine-command";
import type { ParsedDraft, ParseOptions } from "./index";
import { findLlmCalls } from "./python-llm";
import type { PyValue } from "./python-literal";

/** A Python value as the CLI would spell it: dicts as JSON, booleans as switches. */
function toRawFlag(name: string, value: PyValue): RawFlag | undefined {
  const flag = `--${name}`;
  if (value === true) return { flag };
  // False and None are the defaults of every switch and optional setting.
  if (value === false || value === null) return undefined;
  if (typeof value === "object") return { flag, value: JSON.stringify(value) };
  return { flag, value: String(value) };
}

/** `LLM(model=..., quantization=..., tensor_parallel_size=..., ...)`: vLLM's offline engine. */
export function parseLlmCall(text: string, options: ParseOptions): ParsedDraft {
  const [call, ...others] = findLlmCalls(text);
  const notes: string[] = [];
  if (others.length > 0) notes.push(`Read the first of ${others.length + 1} LLM(...) calls.`);
  const kwargs = call?.kwargs ?? [];
  const modelArg = kwargs.find((kwarg) => kwarg.name === "model");
  const words: string[] = [];
  for (const { name, value } of kwargs) {
    if (name.startsWith("#")) continue;
    const raw = toRawFlag(name, value);
    if (!raw) continue;
    words.push(raw.flag, ...(raw.value !== undefined ? [raw.value] : []));
  }
  for (const { name, source } of call?.unresolved ?? []) {
    notes.push(`${name}=${source} is not a literal; set it by hand if it matters.`);
  }
  const parsed = parseEngineArgs({ engine: "vllm", source: "python-llm", words, env: {}, lookup: options.lookup });
  if (typeof modelArg?.value === "string") parsed.draft.model = modelArg.value;
  return { source: "python-llm", engine: "vllm", ...parsed, notes: [...notes, ...parsed.notes] };
}
