import type { Engine } from "../vocabulary/layout-schema";
import type { ModelLookup } from "../catalog/quantized-sibling";
import { crossEngineFlag } from "./cross-engine";
import { closestFlag, ENGINE_LABEL, findFlag } from "./flag-table";
import type { DraftFinding } from "./patch";
import { quantCheckpointHint, siblingPatch } from "./quant-hints";
import { suggestQuantValue } from "./quant-values";
import type { FlagSpec, RawFlag } from "./types";
import { compareVersions } from "../vocabulary/version";

export interface FlagContext {
  /** Engine release, when the image tag or the user names one. */
  engineVersion?: string;
  /** The model the command serves, to name a fitting checkpoint in a fix. */
  model?: string;
  lookup?: ModelLookup;
}

/** A flag that passed validation: its canonical name and value ("" for a switch). */
export interface AcceptedFlag {
  spec: FlagSpec;
  typed: string;
  value: string;
  /** `--no-<flag>` was given. */
  negated: boolean;
}

export interface FlagValidation {
  accepted: AcceptedFlag[];
  findings: DraftFinding[];
}

const shown = (flag: RawFlag): string => (flag.value === undefined ? flag.flag : `${flag.flag} ${flag.value}`);

/** Checks each pasted flag against the engine's real CLI: name, version, value type, choices and range. */
export function validateFlags(engine: Engine, flags: readonly RawFlag[], context: FlagContext = {}): FlagValidation {
  const accepted: AcceptedFlag[] = [];
  const findings: DraftFinding[] = [];
  const seen = new Map<string, string>();
  const label = ENGINE_LABEL[engine];

  for (const flag of flags) {
    const spec = findFlag(engine, flag.flag);
    if (!spec) {
      findings.push(unknownFlagFinding(engine, flag, context));
      continue;
    }
    const versionProblem = versionFinding(engine, spec, flag, context.engineVersion);
    if (versionProblem) {
      findings.push(versionProblem);
      if (versionProblem.severity === "error") continue;
    } else if (spec.note && spec.until === undefined) {
      findings.push(noteFinding(engine, spec, flag));
    }
    const valueProblem = valueFinding(engine, spec, flag, context);
    if (valueProblem) {
      findings.push(valueProblem);
      continue;
    }
    const previous = seen.get(spec.name);
    if (previous !== undefined) {
      findings.push({
        code: "flag.duplicate",
        severity: "warning",
        field: spec.name,
        message: `${spec.name} is given twice (${previous}, then ${flag.value ?? "on"}); ${label} keeps the last one.`,
        fix: `Keep one ${spec.name}.`,
      });
    }
    seen.set(spec.name, flag.value ?? "on");
    const negated = flag.flag.startsWith("--no-") && spec.name !== flag.flag;
    accepted.push({ spec, typed: flag.flag, value: flag.value ?? "", negated });
  }
  return { accepted, findings };
}

function unknownFlagFinding(engine: Engine, flag: RawFlag, context: FlagContext): DraftFinding {
  const label = ENGINE_LABEL[engine];
  const cross = crossEngineFlag(engine, flag.flag);
  if (cross) {
    const otherLabel = engine === "tgi" ? "vLLM" : "TGI";
    const translated =
      flag.value === undefined ? "" : (cross.value?.(flag.value) ?? translateValue(engine, cross.use, flag.value));
    const replacement = cross.use ? `${cross.use}${translated ? ` ${translated}` : ""}`.trim() : undefined;
    const isQuant = cross.use === "--quantize" || cross.use === "--quantization";
    const patch =
      cross.patch?.(flag.value ?? "") ??
      (isQuant && translated ? { quantization: translated, ...siblingPatch(translated, context) } : undefined);
    return {
      code: "flag.other-engine",
      severity: "error",
      field: flag.flag,
      message: `${shown(flag)} is a ${otherLabel} flag; ${label} does not have it. ${cross.how}.`,
      fix: replacement
        ? `Use ${replacement}${quantCheckpointHint(engine, cross.use, translated, context)}.`
        : `Remove ${flag.flag}.`,
      ...(patch ? { patch } : {}),
    };
  }
  const closest = closestFlag(engine, flag.flag);
  return {
    code: "flag.unknown",
    severity: "error",
    field: flag.flag,
    message: `${flag.flag} is not a ${label} flag.`,
    fix: closest
      ? `Did you mean ${closest}?`
      : `Remove ${flag.flag}; \`${engine === "vllm" ? "vllm serve --help" : "text-generation-launcher --help"}\` lists the flags.`,
  };
}

/** A value typed for the other engine's flag, in this engine's spelling. */
function translateValue(engine: Engine, use: string | undefined, value: string): string {
  if (use === "--quantize" || use === "--quantization") return suggestQuantValue(engine, value) ?? value;
  return value;
}

function versionFinding(
  engine: Engine,
  spec: FlagSpec,
  flag: RawFlag,
  version: string | undefined,
): DraftFinding | undefined {
  const label = ENGINE_LABEL[engine];
  const why = spec.note ? ` (${spec.note})` : "";
  if (spec.until && (version === undefined || compareVersions(version, spec.until) >= 0)) {
    return {
      code: "flag.removed",
      severity: version === undefined ? "warning" : "error",
      field: spec.name,
      message:
        version === undefined
          ? `${spec.name} is gone from ${label} ${spec.until} and later${why}; the command names no release, so the newest image will refuse it.`
          : `${spec.name} does not exist in ${label} ${version}; it was removed in ${spec.until}${why}.`,
      fix: spec.note ? `See the note: ${spec.note}.` : `Remove ${spec.name}.`,
    };
  }
  if (spec.since && version !== undefined && compareVersions(version, spec.since) < 0) {
    return {
      code: "flag.too-new",
      severity: "error",
      field: spec.name,
      message: `${spec.name} arrived in ${label} ${spec.since}; ${version} does not know it.`,
      fix: `Use ${label} ${spec.since} or newer, or remove ${flag.flag}.`,
    };
  }
  return undefined;
}

function noteFinding(engine: Engine, spec: FlagSpec, flag: RawFlag): DraftFinding {
  if (spec.name === "--max-input-length") {
    const tokens = flag.value === undefined ? undefined : parseNumber(spec, flag.value);
    return {
      code: "flag.renamed",
      severity: "warning",
      field: spec.name,
      message: `${shown(flag)}: --max-input-length is the legacy name; TGI renamed it --max-input-tokens.`,
      fix: `Use --max-input-tokens${flag.value ? ` ${flag.value}` : ""}.`,
      // The value is already read as max_input_tokens; applying the fix acknowledges the new name.
      ...(tokens !== undefined ? { patch: { tgi: { maxInputTokens: tokens } } } : {}),
    };
  }
  return {
    code: "flag.note",
    severity: "warning",
    field: spec.name,
    message: `${shown(flag)}: ${spec.note}.`,
    fix: `Check ${spec.name} against ${ENGINE_LABEL[engine]}'s current flags.`,
  };
}

function valueFinding(engine: Engine, spec: FlagSpec, flag: RawFlag, context: FlagContext): DraftFinding | undefined {
  const label = ENGINE_LABEL[engine];
  const value = flag.value;
  if (spec.kind === "bool") return undefined;
  if (value === undefined || value === "") {
    return {
      code: "flag.missing-value",
      severity: "error",
      field: spec.name,
      message: `${flag.flag} needs a value.`,
      fix: `Write ${spec.name} <value>${spec.choices ? ` with one of ${spec.choices.join(", ")}` : ""}.`,
    };
  }
  if (spec.kind === "choice" && spec.choices && !spec.choices.includes(value)) {
    return choiceFinding(engine, spec, value, context);
  }
  if (spec.kind === "int" || spec.kind === "float") {
    const number = parseNumber(spec, value);
    if (number === undefined) {
      return {
        code: "flag.not-a-number",
        severity: "error",
        field: spec.name,
        message: `${spec.name} "${value}" is not ${spec.kind === "int" ? "a whole number" : "a number"}.`,
        fix: `Write a number, e.g. ${spec.name} ${spec.default ?? (spec.kind === "int" ? 1 : 0.9)}.`,
      };
    }
    const outside =
      (spec.min !== undefined && (spec.minExclusive ? number <= spec.min : number < spec.min)) ||
      (spec.max !== undefined && number > spec.max);
    if (outside) {
      const range = `${spec.minExclusive ? "(" : "["}${spec.min ?? "-∞"}, ${spec.max ?? "∞"}]`;
      return {
        code: "flag.out-of-range",
        severity: "error",
        field: spec.name,
        message: `${spec.name} ${value} is outside ${range}, the range ${label} accepts.`,
        fix:
          spec.max === 1
            ? `Use a fraction such as ${spec.name} 0.9 (0.9 means 90 % of the card).`
            : `Use a value within ${range}.`,
      };
    }
  }
  if (spec.kind === "json") {
    try {
      JSON.parse(value);
    } catch {
      return {
        code: "flag.bad-json",
        severity: "error",
        field: spec.name,
        message: `${spec.name} takes JSON, and "${value}" is not valid JSON.`,
        fix: `Quote the JSON for the shell, e.g. ${spec.name} '{"key":"value"}' (double quotes inside, single quotes outside).`,
      };
    }
  }
  return undefined;
}

/** vLLM reads --max-model-len as a human-readable int ("32k" = 32000, "32K" = 32768). */
export function parseNumber(spec: FlagSpec, value: string): number | undefined {
  if (spec.kind === "int") {
    const human = value.match(/^(\d+)([kKmM])$/);
    if (human && spec.name === "--max-model-len") {
      const [, digits = "", unit = ""] = human;
      const scale: Record<string, number> = { k: 1e3, K: 1024, m: 1e6, M: 1024 ** 2 };
      return Number(digits) * (scale[unit] ?? 1);
    }
    return /^-?\d+$/.test(value) ? Number(value) : undefined;
  }
  const n = Number(value);
  return value.trim() !== "" && Number.isFinite(n) ? n : undefined;
}

function choiceFinding(engine: Engine, spec: FlagSpec, value: string, context: FlagContext): DraftFinding {
  const label = ENGINE_LABEL[engine];
  const isQuant = spec.name === "--quantize" || spec.name === "--quantization";
  const suggestion = isQuant ? suggestQuantValue(engine, value) : undefined;
  const ropeJson = engine === "tgi" && spec.name === "--rope-scaling" && value.trim().startsWith("{");
  const fix = suggestion
    ? `Use ${spec.name} ${suggestion}${quantCheckpointHint(engine, spec.name, suggestion, context)}.`
    : ropeJson
      ? "TGI's --rope-scaling takes linear or dynamic with --rope-factor; YaRN is read from the checkpoint's config.json rope_scaling."
      : `Use one of: ${spec.choices?.join(", ")}.`;
  return {
    code: "flag.bad-choice",
    severity: "error",
    field: spec.name,
    message: `${spec.name} ${value} is not a ${label} value.`,
    fix,
    ...(suggestion ? quantFixes(spec.name, suggestion, siblingPatch(suggestion, context)) : {}),
  };
}

/** A quantization value to use (with the checkpoint it needs, when the model is not one), or none: auto-detect. */
function quantFixes(flag: string, value: string, sibling: { model?: string }) {
  const use = { quantization: value, ...sibling };
  return {
    patch: use,
    fixes: [
      { label: `Use ${flag} ${value}${sibling.model ? ` with ${sibling.model}` : ""}`, patch: use },
      { label: `Leave ${flag} out (auto-detect)`, patch: { quantization: undefined } },
    ],
  };
}
