/** `estimate`: the memory budget of one vLLM or TGI instance on one GPU type, as a table or JSON. */
import { readFileSync } from "node:fs";
import { findGpu, findModel, resolveModelArch, searchModels, suggestGpus } from "../../lib/catalog";
import type { GpuSpec, ModelArch } from "../../lib/catalog/types";
import type { InstanceBudget } from "../../lib/budget/types";
import { underWsl2 } from "../../lib/budget/common";
import type { BudgetGpu } from "../../lib/budget/instance";
import type { Finding } from "../../lib/vocabulary/finding";
import { checkInstance } from "../../lib/layout/check-layout";
import { withDraftModel } from "../../lib/layout/resolvers";
import { type OwnOptions, splitArgv, USAGE, UsageError } from "./estimate/args";
import { buildInstance } from "./estimate/instance";
import { renderTable, toJson } from "./estimate/output";

export interface Estimate {
  budget: InstanceBudget;
  findings: Finding[];
  notes: string[];
  arch: ModelArch;
  gpu: BudgetGpu;
}

/** The whole estimate for an argv, in process (the CLI prints it; bench/calibration.ts scores it). */
export function estimate(argv: readonly string[]): Estimate {
  const { own, engineWords } = splitArgv(argv);
  const card = loadGpu(own);
  const gpu = own.wsl2 ? underWsl2(card) : card;
  const built = buildInstance(own, engineWords);
  const arch = loadModel(own, built.instance.model);
  const instance = { ...built.instance, model: arch.id };
  const { budget, findings } = checkInstance(instance, gpu, { model: withDraftModel(instance, arch) });
  return { budget, findings: [...built.commandFindings, ...findings], notes: built.notes, arch, gpu };
}

export async function run(args: string[]): Promise<number> {
  try {
    const { own } = splitArgv(args);
    if (own.help) {
      console.log(USAGE);
      return 0;
    }
    const result = estimate(args);
    const { budget, findings, notes, arch, gpu } = result;
    console.log(
      own.json
        ? JSON.stringify(toJson(budget, findings, notes), null, 2)
        : renderTable(budget, findings, notes, arch, gpu),
    );
    return findings.some((f) => f.severity === "error") ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`estimate: ${error.message}`);
    return 2;
  }
}

function loadModel(own: OwnOptions, model: string): ModelArch {
  if (own.config) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(own.config, "utf8"));
    } catch (error) {
      throw new UsageError(
        `--config ${JSON.stringify(own.config)} could not be read as JSON (${error instanceof Error ? error.message : error}). Fix: give the path of the model's config.json.`,
      );
    }
    const resolved = resolveModelArch(model, json as Record<string, unknown>);
    if ("error" in resolved) throw new UsageError(`--config ${JSON.stringify(own.config)}: ${resolved.error}`);
    return resolved.arch;
  }
  const entry = findModel(model);
  if (entry) return entry;
  const close = searchModels(model, 5).map((m) => m.id);
  throw new UsageError(
    `--model ${JSON.stringify(model)} is not in the catalog.${close.length ? ` Close names: ${close.join(", ")}.` : ""} Fix: use a catalog id, or --config <path to config.json>.`,
  );
}

/** A catalog card, a bare size, or a catalog card with the memory CUDA reports (`--gpu` and `--gpu-memory-bytes`). */
function loadGpu(own: OwnOptions): GpuSpec | number {
  if (!own.gpu && !own.gpuMemoryBytes && !own.help)
    throw new UsageError(`give --gpu <catalog name> (e.g. "RTX 4090D") or --gpu-memory-bytes <n>.`);
  if (!own.gpu) return own.gpuMemoryBytes ?? 0;
  const gpu = findGpu(own.gpu);
  if (!gpu)
    throw new UsageError(
      `--gpu ${JSON.stringify(own.gpu)} is not in the catalog. Close names: ${suggestGpus(own.gpu, 5).join(", ")}. Fix: use one of them, or --gpu-memory-bytes <n>.`,
    );
  return own.gpuMemoryBytes ? { ...gpu, cudaTotalBytes: own.gpuMemoryBytes } : gpu;
}
