import { EngineCore } from "../engine/core";
import { buildTimingModel } from "../engine/timing-model";
import { VllmScheduler } from "../engine/vllm-scheduler";
import type { SimGpu } from "../gpu/host";
import { resolveModel } from "../model/resolve";
import { vllmSettings, type VllmSettings } from "./config";
import { parseVllmArgs } from "./args";
import { sizeVllmMemory, type VllmMemory } from "./memory";

export interface OfflineVllm {
  settings: VllmSettings;
  memory: VllmMemory;
  core: EngineCore;
}

/** A `vllm serve` engine core without the server: the same parsing, checks and sizing, for virtual-time runs. */
export function offlineVllm(args: readonly string[], gpus: readonly SimGpu[], version = "0.11.0"): OfflineVllm {
  const parsed = parseVllmArgs(args, version, "serve");
  if (!parsed.ok) throw new Error(parsed.message);
  const values = parsed.args.values;
  values.model = values.model_tag ?? values.model;
  const resolved = resolveModel(String(values.model), undefined);
  if ("error" in resolved) throw new Error(resolved.error);
  const settings = vllmSettings(values, resolved.arch, gpus, version);
  const memory = sizeVllmMemory(settings, settings.engineGpus[0]!, () => 0);
  const timing = buildTimingModel({
    arch: settings.arch,
    gpu: gpus[0]!,
    tp: settings.tp,
    pp: settings.pp,
    ...(settings.quantization ? { quantization: settings.quantization } : {}),
    kvDtypeBytes: settings.kvDtypeBytes,
    eager: settings.enforceEager,
  });
  const core = new EngineCore(
    new VllmScheduler(memory.numBlocks, settings.blockSize, {
      maxNumSeqs: settings.maxNumSeqs,
      tokenBudget: settings.maxNumBatchedTokens,
    }),
    timing,
  );
  return { settings, memory, core };
}
