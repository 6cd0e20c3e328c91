import { readFileSync } from "node:fs";
import { findGpu, resolveModelArch, suggestGpus } from "../../lib/catalog";
import type { GpuSpec } from "../../lib/catalog/types";
import { parseCommandText, type ParseResult } from "../../lib/engines/parse/index";
import type { Finding } from "../../lib/vocabulary/finding";
import { checkInstance, orderFindings } from "../../lib/layout/check-layout";
import type { Instance } from "../../lib/vocabulary/layout-schema";

const USAGE = `usage: npm run --silent cli -- check [options] "<pasted command>"
       npm run --silent cli -- check --file <path>
       ... | npm run --silent cli -- check -

Reads a docker run / vllm serve / python -m vllm.entrypoints.openai.api_server /
text-generation-launcher line or an LLM(...) call, and prints the instance it describes
and what is wrong with it, with fixes.

options:
  --file <path>   read the command from a file
  -               read the command from stdin
  --gpu <name>    also check that it fits this GPU (e.g. 4090d, h100)
  --json          print {instance, errors, warnings, notes} as JSON
  -h, --help      this text

exit status: 0 no errors, 1 errors found, 2 bad usage`;

interface CheckOptions {
  text?: string;
  file?: string;
  stdin: boolean;
  gpu?: string;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): CheckOptions | "help" {
  const options: CheckOptions = { stdin: false, json: false };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-h" || arg === "--help") return "help";
    if (arg === "--json") options.json = true;
    else if (arg === "-") options.stdin = true;
    else if (arg === "--file" || arg === "--gpu") {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === "--file") options.file = value;
      else options.gpu = value;
    } else if (arg.startsWith("--file=")) options.file = arg.slice(7);
    else if (arg.startsWith("--gpu=")) options.gpu = arg.slice(6);
    else if (arg === "--") {
      words.push(...args.slice(i + 1));
      i = args.length;
    } else words.push(arg);
  }
  if (words.length > 0) options.text = words.join(" ");
  const sources = [options.text !== undefined, options.file !== undefined, options.stdin].filter(Boolean).length;
  if (sources === 0) throw new UsageError("give the command as an argument, --file <path>, or - for stdin");
  if (sources > 1) throw new UsageError("give the command one way only: an argument, --file, or -");
  return options;
}

function readInput(options: CheckOptions): string {
  if (options.text !== undefined) return options.text;
  try {
    return readFileSync(options.stdin ? 0 : (options.file ?? ""), "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read ${options.stdin ? "stdin" : options.file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Everything `check` reports about one pasted command. */
export interface CheckReport {
  parsed: ParseResult;
  findings: Finding[];
  notes: string[];
}

export function checkText(text: string, gpuName?: string): CheckReport {
  const parsed = parseCommandText(text);
  const notes = [...parsed.notes];
  if (!parsed.complete || !parsed.instance.model) return { parsed, findings: [...parsed.findings], notes };
  const instance = parsed.instance as Instance;
  const resolved = resolveModelArch(instance.model, instance.modelConfig);
  if ("error" in resolved) notes.push(`Model checks skipped: ${resolved.error}`);
  const model = "error" in resolved ? undefined : (resolved.entry ?? resolved.arch);
  let gpu: GpuSpec | undefined;
  if (gpuName !== undefined) {
    gpu = findGpu(gpuName);
    if (!gpu)
      throw new UsageError(
        `unknown GPU "${gpuName}"; try ${suggestGpus(gpuName).join(", ") || "h100, a100-80gb, 4090"}`,
      );
  } else {
    notes.push("Memory not checked: add --gpu <name> (e.g. --gpu 4090d) to check that it fits.");
  }
  // Without an architecture there is nothing to budget; the note above says why.
  const checked = checkInstance(instance, model ? gpu : undefined, { model });
  return { parsed, findings: orderFindings([...parsed.findings, ...checked.findings]), notes };
}

function describeInstance(parsed: ParseResult): string[] {
  const i = parsed.instance;
  const fields: [string, unknown][] = [
    ["id", i.id],
    ["engine", i.engine],
    ["engineVersion", i.engineVersion ?? "newest"],
    ["model", i.model],
    ["quantization", i.quantization],
    ["dtype", i.dtype],
    ["kvCacheDtype", i.kvCacheDtype],
    ["tp", i.tp],
    ["maxModelLen", i.maxModelLen],
    ["ropeScaling", i.ropeScaling],
    ["gpuMemoryUtilization", i.gpuMemoryUtilization],
    ["maxNumSeqs", i.maxNumSeqs],
    ["maxNumBatchedTokens", i.maxNumBatchedTokens],
    ["enforceEager", i.enforceEager],
    ["tgi", i.tgi],
    ["limits", i.limits],
    ["port", i.port],
    ["gpus", parsed.gpuIndices],
  ];
  return fields
    .filter(
      ([, value]) =>
        value !== undefined && !(typeof value === "object" && value !== null && Object.keys(value).length === 0),
    )
    .map(
      ([name, value]) => `  ${name.padEnd(21)} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
    );
}

function printFindings(title: string, mark: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const lines = [`${title} (${findings.length}):`];
  for (const finding of findings) {
    lines.push(`  ${mark} ${finding.message}`, `    fix: ${finding.fix}`);
    if (finding.patch) lines.push(`    patch: ${JSON.stringify(finding.patch)}`);
  }
  return lines;
}

function render(report: CheckReport): string {
  const { parsed, findings, notes } = report;
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const lines: string[] = [];
  if (parsed.source) {
    lines.push(
      `Read a ${parsed.source} command (${parsed.engine === "tgi" ? "TGI" : "vLLM"}${parsed.image ? `, image ${parsed.image}` : ""}).`,
      "",
      "instance:",
    );
    lines.push(...describeInstance(parsed), "");
  }
  lines.push(...printFindings("errors", "✗", errors));
  if (errors.length > 0 && warnings.length > 0) lines.push("");
  lines.push(...printFindings("warnings", "!", warnings));
  if (errors.length === 0 && warnings.length === 0) lines.push("No problems found.");
  if (notes.length > 0) lines.push("", "notes:", ...notes.map((note) => `  - ${note}`));
  return lines.join("\n");
}

export async function run(args: string[]): Promise<number> {
  try {
    const options = parseArgs(args);
    if (options === "help") {
      console.log(USAGE);
      return 0;
    }
    const report = checkText(readInput(options), options.gpu);
    const errors = report.findings.filter((f) => f.severity === "error");
    const warnings = report.findings.filter((f) => f.severity === "warning");
    if (options.json) {
      console.log(JSON.stringify({ instance: report.parsed.instance, errors, warnings, notes: report.notes }, null, 2));
    } else {
      console.log(render(report));
    }
    return errors.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`check: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
