/** The instance `estimate` budgets: a pasted command, then the engine flags given on the command line over it. */
import {
  completePatch,
  engineEnvSettings,
  flagSetsField,
  flagsToDraft,
  parseCommandText,
  splitEngineArgs,
  validateFlags,
} from "../../../lib/engines";
import type { InstancePatch } from "../../../lib/engines";
import type { Finding } from "../../../lib/vocabulary/finding";
import { type Engine, type Instance, instanceSchema } from "../../../lib/vocabulary/layout-schema";
import { vllmDefaultGpuMemoryUtilization } from "../../../lib/vocabulary/vllm-defaults";
import { type OwnOptions, UsageError } from "./args";

export interface BuiltInstance {
  instance: Instance;
  /** Findings of the pasted command (an unknown flag in it is the engine's error, so it is reported, not refused). */
  commandFindings: Finding[];
  /** Flags accepted that do not change memory, deprecations, what the parser ignored. */
  notes: string[];
}

export function buildInstance(own: OwnOptions, engineWords: readonly string[]): BuiltInstance {
  const notes: string[] = [];
  const parsed = own.command === undefined ? undefined : parseCommandText(own.command);
  if (parsed && parsed.engine === undefined) {
    const finding = parsed.findings[0];
    throw new UsageError(
      `--command: ${finding?.message ?? "no server command found"} Fix: ${finding?.fix ?? "paste the command that starts the server."}`,
    );
  }
  if (parsed) notes.push(...parsed.notes);
  const engine: Engine = own.engine ?? parsed?.engine ?? "vllm";
  if (parsed && own.engine && parsed.engine !== own.engine)
    throw new UsageError(
      `--engine ${own.engine} does not match the pasted ${parsed.engine} command. Fix: drop --engine or paste a ${own.engine} command.`,
    );
  const version = (own.engineVersion ?? (engine === "tgi" ? own.tgiVersion : own.vllmVersion))?.replace(/^v/, "");
  const fromFlags = engineFlags(engine, engineWords, version ?? parsed?.instance.engineVersion, notes);
  engineEnvSettings(engine, fromFlags, envOf(own.env ?? []));

  const base: InstancePatch = parsed ? { ...(parsed.instance as InstancePatch) } : {};
  const merged: Record<string, unknown> = {
    ...base,
    ...completePatch(fromFlags, base as Partial<Instance>),
    vllm: base.vllm || fromFlags.vllm ? { ...base.vllm, ...fromFlags.vllm } : undefined,
    tgi: base.tgi || fromFlags.tgi ? { cudaMemoryFraction: 1, ...base.tgi, ...fromFlags.tgi } : undefined,
    id: "estimate",
    engine,
  };
  if (own.tp !== undefined) merged.tp = own.tp;
  if (version !== undefined) merged.engineVersion = version;
  if (own.model !== undefined) merged.model = own.model;
  if (merged.model === undefined && own.config !== undefined) merged.model = "custom-model";
  if (merged.model === undefined)
    throw new UsageError(
      "give --model <catalog id> (e.g. Qwen/Qwen2.5-7B-Instruct), --config <path to config.json> or --command with a model in it.",
    );
  if (merged.dtype === "half") merged.dtype = "float16";
  const gmuStated =
    parsed?.setFields.includes("gpuMemoryUtilization") === true || fromFlags.gpuMemoryUtilization !== undefined;
  if (engine === "vllm" && !gmuStated) {
    const engineVersion = merged.engineVersion as string | undefined;
    merged.gpuMemoryUtilization = vllmDefaultGpuMemoryUtilization(engineVersion);
    notes.push(
      `--gpu-memory-utilization not given: vLLM ${engineVersion ?? "(newest)"} defaults to ${merged.gpuMemoryUtilization}.`,
    );
  }
  const checked = instanceSchema.safeParse(dropUndefined(merged));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(`${issue.path.join(".")}: ${issue.message}.`);
  }
  const commandFindings = (parsed?.findings ?? []).filter((f) => f.severity === "error");
  return { instance: checked.data, commandFindings, notes };
}

/** The engine flags typed on the command line, validated against the engine's real CLI. */
function engineFlags(engine: Engine, words: readonly string[], version: string | undefined, notes: string[]) {
  const { flags, positionals } = splitEngineArgs(engine, words);
  if (positionals.length > 0)
    throw new UsageError(
      `"${positionals[0]}" is not an option or an option's value. Fix: put it after the flag it belongs to, or quote a pasted command with --command "…".`,
    );
  const validation = validateFlags(engine, flags, { engineVersion: version });
  const error = validation.findings.find((f) => f.severity === "error");
  if (error) {
    const typed = flags.find((f) => f.flag === error.field || error.field?.endsWith(f.flag.replace(/^-+/, "")));
    const shown = typed?.value === undefined ? error.field : `${error.field} "${typed.value}"`;
    throw new UsageError(`${shown} is not valid: ${error.message} Fix: ${error.fix}`);
  }
  for (const f of validation.findings) notes.push(`${f.message} ${f.fix}`);
  for (const flag of validation.accepted)
    if (!flagSetsField(engine, flag.spec.name))
      notes.push(`${flag.spec.name}: accepted; it does not change the memory plan, so the estimate ignores it.`);
  return flagsToDraft(engine, validation.accepted);
}

function envOf(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
