import type { Engine } from "../../vocabulary/layout-schema";
import type { ModelLookup } from "../../catalog/quantized-sibling";
import { ENGINE_LABEL } from "../flag-table";
import type { DraftFinding, InstancePatch } from "../patch";
import { TGI_FLAGS } from "../tgi/flags";
import type { CommandSource, RawFlag } from "../types";
import { validateFlags } from "../validate-flags";
import type { ClassifiedCommand } from "./classify";
import { splitEngineArgs } from "./engine-args";
import type { ParsedDraft, ParseOptions } from "./index";
import { tgiEnvSettings, tidyVllm, vllmEnvSettings } from "./memory-flags";
import { flagsToDraft } from "./to-instance";

export interface EngineArgsInput {
  engine: Engine;
  source: CommandSource;
  words: readonly string[];
  env: Record<string, string>;
  engineVersion?: string;
  lookup?: ModelLookup;
}

export interface EngineArgsResult {
  draft: InstancePatch;
  findings: DraftFinding[];
  notes: string[];
}

const MODEL_FLAGS = new Set(["--model", "--model-id"]);

/** TGI reads every flag from its env var too (`-e NUM_SHARD=2`); the command line wins. */
function tgiFlagsFromEnv(env: Record<string, string>): RawFlag[] {
  return TGI_FLAGS.filter((spec) => spec.env !== undefined && env[spec.env] !== undefined).map((spec) => ({
    flag: spec.name,
    value: env[spec.env ?? ""],
  }));
}

/** Validates an engine's argument words and maps them onto instance fields. */
export function parseEngineArgs(input: EngineArgsInput): EngineArgsResult {
  const { engine, source, words, env } = input;
  const { flags, positionals } = splitEngineArgs(engine, words);
  const findings: DraftFinding[] = [];
  const notes: string[] = [];
  const allFlags = engine === "tgi" ? [...tgiFlagsFromEnv(env), ...flags] : flags;

  let positionalModel: string | undefined;
  const extra = [...positionals];
  if (source === "vllm-serve" && extra.length > 0) positionalModel = extra.shift();
  for (const word of extra) {
    findings.push({
      code: "flag.unexpected-argument",
      severity: "error",
      field: word,
      message: `"${word}" is not a flag or a flag's value; ${ENGINE_LABEL[engine]} would stop with "unrecognized arguments".`,
      fix:
        word.startsWith("—") || word.startsWith("–")
          ? `Type the flag with two ASCII hyphens: --${word.replace(/^[—–]+/, "")}.`
          : `Remove "${word}" or put the flag it belongs to before it.`,
    });
  }
  const model = positionalModel ?? [...allFlags].reverse().find((f) => MODEL_FLAGS.has(f.flag))?.value;
  const validation = validateFlags(engine, allFlags, {
    engineVersion: input.engineVersion,
    model,
    lookup: input.lookup,
  });
  findings.push(...validation.findings);
  const draft = flagsToDraft(engine, validation.accepted);
  if (engine === "vllm") vllmEnvSettings(draft, env);
  else tgiEnvSettings(draft, env);
  tidyVllm(draft);
  if (positionalModel !== undefined) {
    if (draft.model !== undefined && draft.model !== positionalModel) {
      findings.push({
        code: "flag.two-models",
        severity: "error",
        field: "--model",
        message: `The command names two models: ${positionalModel} and --model ${draft.model}.`,
        fix: `Keep one: vllm serve ${positionalModel}.`,
      });
    }
    draft.model = positionalModel;
  }
  if (input.engineVersion !== undefined) draft.engineVersion = input.engineVersion;
  return { draft, findings, notes };
}

const ENGINE_OF_SOURCE: Record<Exclude<CommandSource, "docker-run" | "python-llm">, Engine> = {
  "vllm-serve": "vllm",
  "vllm-api-server": "vllm",
  "tgi-launcher": "tgi",
};

/** `vllm serve …`, `python -m vllm.entrypoints.openai.api_server …` or `text-generation-launcher …`. */
export function parseEngineCommand(command: ClassifiedCommand, options: ParseOptions): ParsedDraft {
  const source = command.source as keyof typeof ENGINE_OF_SOURCE;
  const engine = ENGINE_OF_SOURCE[source];
  const result = parseEngineArgs({ engine, source, words: command.args, env: command.env, lookup: options.lookup });
  const gpuIndices = parseVisibleDevices(command.env.CUDA_VISIBLE_DEVICES);
  return { source, engine, ...result, ...(gpuIndices ? { gpuIndices } : {}) };
}

/** CUDA_VISIBLE_DEVICES=0,1 → [0, 1]. */
export function parseVisibleDevices(value: string | undefined): number[] | undefined {
  if (value === undefined || !/^\s*\d+(\s*,\s*\d+)*\s*$/.test(value)) return undefined;
  return value.split(",").map((part) => Number(part.trim()));
}
