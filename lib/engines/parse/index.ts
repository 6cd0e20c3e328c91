import type { Finding } from "../../vocabulary/finding";
import { type Engine, type Instance, instanceSchema } from "../../vocabulary/layout-schema";
import { catalogLookup } from "../../catalog/catalog-lookup";
import type { ModelLookup } from "../../catalog/quantized-sibling";
import { completeFindings, type DraftFinding, type InstancePatch } from "../patch";
import type { CommandSource } from "../types";
import { classifyCommand, type ClassifiedCommand } from "./classify";
import { parseDockerArgs } from "./docker-run";
import { parseEngineCommand } from "./engine-command";
import { parseLlmCall } from "./python-command";
import { tokenizeCommands } from "./tokenize";
import { vllmDefaultGpuMemoryUtilization } from "../../vocabulary/vllm-defaults";

export interface ParseOptions {
  /** Catalog access, to name a fitting checkpoint in fixes. */
  lookup?: ModelLookup;
}

export interface ParseResult {
  source?: CommandSource;
  engine?: Engine;
  /** The instance the command describes; a full Instance when `complete`. */
  instance: Partial<Instance>;
  complete: boolean;
  findings: Finding[];
  /** Things a person should know that are not problems (ignored lines, assumptions). */
  notes: string[];
  /** GPUs the command pins (`--gpus '"device=0,1"'` or CUDA_VISIBLE_DEVICES). */
  gpuIndices?: number[];
  image?: string;
  /** The instance fields the command itself sets, as paths ("tp", "tgi.cudaMemoryFraction"); the rest are defaults. */
  setFields: string[];
}

/** What a command-kind parser hands back before the common finishing steps. */
export interface ParsedDraft {
  source: CommandSource;
  engine: Engine;
  draft: InstancePatch;
  findings: DraftFinding[];
  notes: string[];
  gpuIndices?: number[];
  image?: string;
  name?: string;
}

/** Reads a pasted `docker run`, `vllm serve`, api_server, `text-generation-launcher` line or `LLM(...)` call. */
export function parseCommandText(text: string, parseOptions: ParseOptions = {}): ParseResult {
  const options = { lookup: catalogLookup, ...parseOptions };
  const parsed = /(?<![A-Za-z0-9_])LLM\s*\(/.test(text) ? parseLlmCall(text, options) : parseShellText(text, options);
  if ("empty" in parsed) {
    return {
      instance: {},
      complete: false,
      setFields: [],
      notes: parsed.notes,
      findings: [
        {
          code: "parse.no-command",
          severity: "error",
          message:
            "Found no docker run, vllm serve, python -m vllm.entrypoints.openai.api_server, text-generation-launcher or LLM(...) in the text.",
          fix: "Paste the command that starts the server.",
        },
      ],
    };
  }
  return finish(parsed);
}

function parseShellText(text: string, options: ParseOptions): ParsedDraft | { empty: true; notes: string[] } {
  const commands = tokenizeCommands(text).map((command) => classifyCommand(command.words));
  const runnable = commands.filter(
    (command): command is ClassifiedCommand & { source: CommandSource } => command.source !== "other",
  );
  const notes = commands
    .filter((command) => command.source === "other")
    .map((command) => `Ignored \`${shorten(command.text)}\`: it does not start a server.`);
  const [first, ...others] = runnable;
  if (!first) return { empty: true, notes };
  if (others.length > 0)
    notes.push(`Read the first of ${runnable.length} server commands; paste the others one at a time.`);
  const parsed = first.source === "docker-run" ? parseDockerArgs(first, options) : parseEngineCommand(first, options);
  return { ...parsed, notes: [...notes, ...parsed.notes] };
}

const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** "Qwen/Qwen2.5-7B-Instruct" → "qwen2.5-7b-instruct", a valid instance id. */
export function idFromModel(model: string | undefined): string {
  const base = (model ?? "instance").split("/").pop() ?? "instance";
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 63);
  return slug === "" ? "instance" : slug;
}

function finish(parsed: ParsedDraft): ParseResult {
  const findings = [...parsed.findings];
  const draft: InstancePatch = { ...parsed.draft };
  const validName = parsed.name !== undefined && instanceSchema.shape.id.safeParse(parsed.name).success;
  draft.id = validName ? parsed.name : idFromModel(draft.model);
  if (draft.model === undefined) {
    findings.push({
      code: "parse.no-model",
      severity: "error",
      field: parsed.engine === "tgi" ? "--model-id" : "--model",
      message: "The command names no model.",
      fix:
        parsed.engine === "tgi"
          ? "Add --model-id <hugging face repo id>."
          : "Add the model: vllm serve <repo id> or --model <repo id>.",
    });
  }
  // Left out, --gpu-memory-utilization is the release's own default (0.92 from vLLM 0.20), not the schema's.
  if (parsed.engine === "vllm") draft.gpuMemoryUtilization ??= vllmDefaultGpuMemoryUtilization(draft.engineVersion);
  const checked = instanceSchema.safeParse(draft);
  const instance: Partial<Instance> = checked.success ? checked.data : (draft as Partial<Instance>);
  return {
    source: parsed.source,
    engine: parsed.engine,
    instance,
    complete: checked.success,
    findings: completeFindings(findings, instance),
    notes: parsed.notes,
    setFields: [...Object.keys(parsed.draft), ...Object.keys(parsed.draft.tgi ?? {}).map((key) => `tgi.${key}`)],
    ...(parsed.gpuIndices ? { gpuIndices: parsed.gpuIndices } : {}),
    ...(parsed.image ? { image: parsed.image } : {}),
  };
}
