import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import { estimateActivation } from "./activation";
import { assembleBudget, fractionNeeded, prepare, term, type BudgetModel, type GpuTarget } from "./common";
import { kvPool } from "./kv";
import { cudaContextOverhead, tgiCudaGraphBytes, nonTorchOverhead } from "./overheads";
import type { InstanceBudget } from "./types";
import { compareVersions } from "../vocabulary/version";
import { count, gib } from "./units";
import { KIB } from "../vocabulary/units";

/**
 * TGI warm-up (server/text_generation_server/models/flash_causal_lm.py): prefill max_batch_prefill_tokens, then
 * 3.x: free = mem_get_info().free − (1 − fraction × TGI_WIGGLE_ROOM) × total, TGI_WIGGLE_ROOM = 0.90;
 * 2.x: free = (mem_get_info().free − (1 − fraction) × total) × 0.95. The KV cache takes `free` in whole blocks.
 */
export interface TgiProfile {
  name: "tgi-2" | "tgi-3";
  blockSize: number;
  kvShare(totalBytes: number, fraction: number, usedBytes: number): number;
  defaultLimits(maxPositions: number, kvTokens: number): { maxInputTokens: number; maxTotalTokens: number };
  defaultPrefillTokens(maxInputTokens: number, maxPositions: number): number;
}

const TGI_WIGGLE_ROOM = 0.9;

const TGI3: TgiProfile = {
  name: "tgi-3",
  blockSize: 1, // flashinfer with prefix caching, the 3.x default on CUDA
  kvShare: (total, fraction, used) => total * fraction * TGI_WIGGLE_ROOM - used,
  defaultLimits: (maxPositions, kvTokens) => {
    const total = Math.max(2, Math.min(kvTokens, maxPositions));
    return { maxInputTokens: total - 1, maxTotalTokens: total };
  },
  defaultPrefillTokens: (_input, maxPositions) => Math.min(4096, maxPositions),
};

const TGI2: TgiProfile = {
  name: "tgi-2",
  blockSize: 16, // paged attention
  kvShare: (total, fraction, used) => (total * fraction - used) * 0.95,
  defaultLimits: () => ({ maxInputTokens: 1024, maxTotalTokens: 2048 }),
  defaultPrefillTokens: (input) => input + 50,
};

export const selectTgiProfile = (version?: string): TgiProfile =>
  version && compareVersions(version, "3.0.0") < 0 ? TGI2 : TGI3;

export function budgetTgi(instance: Instance, model: BudgetModel, gpu: GpuTarget): InstanceBudget {
  const profile = selectTgiProfile(instance.engineVersion);
  const tgi = instance.tgi ?? { cudaMemoryFraction: 1 };
  const effective: Instance = { ...instance, maxModelLen: tgi.maxTotalTokens ?? instance.maxModelLen };
  const p = prepare(effective, model, 1, 0);
  const maxPositions = p.derivedMaxModelLen;
  // Defaults that do not depend on the KV cache (2.x fixed limits; 3.x prefill 4,096) size the warm-up.
  const provisional = profile.defaultLimits(maxPositions, maxPositions);
  const provisionalInput =
    tgi.maxInputTokens ?? (tgi.maxTotalTokens ? tgi.maxTotalTokens - 1 : provisional.maxInputTokens);
  const prefillTokens = tgi.maxBatchPrefillTokens ?? profile.defaultPrefillTokens(provisionalInput, maxPositions);

  const activation = estimateActivation(model, {
    tokens: prefillTokens,
    seqs: 1,
    tp: instance.tp,
    dtypeBytes: 2,
    samplerBytesPerLogit: 4,
  });
  const nonTorch = nonTorchOverhead(instance.tp, gpu.interconnect);
  const graphs = instance.enforceEager ? 0 : tgiCudaGraphBytes(model);
  const context = cudaContextOverhead();
  const fraction = tgi.cudaMemoryFraction;
  const used = context.bytes + p.weights.weightsBytesPerGpu + activation.bytes + nonTorch.bytes;
  const available = Math.floor(profile.kvShare(gpu.memoryBytes, fraction, used));
  const pool = kvPool(available, p.kvBytesPerTokenPerGpu, profile.blockSize);
  const limits = profile.defaultLimits(maxPositions, pool.tokens > 0 ? pool.tokens : maxPositions);
  const maxTotalTokens =
    tgi.maxTotalTokens ??
    (tgi.maxInputTokens ? Math.max(limits.maxTotalTokens, tgi.maxInputTokens + 1) : limits.maxTotalTokens);
  const maxInputTokens = tgi.maxInputTokens ?? (tgi.maxTotalTokens ? tgi.maxTotalTokens - 1 : limits.maxInputTokens);
  const fits = pool.tokens > 0 && pool.tokens >= maxTotalTokens;

  const terms = [
    term("weights", p.weights.weightsBytesPerGpu, p.weights.explanation),
    term(
      "activation",
      activation.bytes,
      `Activation: warm-up prefill of ${count(prefillTokens)} tokens × ${(activation.perTokenBytes / KIB).toFixed(0)} KiB (max_batch_prefill_tokens)`,
    ),
    term("nonTorch", nonTorch.bytes, nonTorch.explanation),
    term(
      "cudaGraphs",
      graphs,
      graphs
        ? "CUDA graphs: batch sizes 1–32, captured after the KV cache inside TGI's 10 % wiggle room"
        : "CUDA graphs: none",
    ),
    term(
      "kvCache",
      pool.bytes,
      `KV cache: ${fraction} × ${profile.name === "tgi-3" ? `${TGI_WIGGLE_ROOM} × ` : ""}${gib(gpu.memoryBytes)} − context − weights − activation − non-torch${profile.name === "tgi-2" ? ", × 0.95" : ""}, in blocks of ${profile.blockSize} → ${count(pool.tokens)} tokens (max_batch_total_tokens)`,
    ),
    term("reserved", context.bytes, context.explanation),
  ];
  const projected = terms.reduce((sum, t) => sum + t.bytes, 0);
  terms.push(
    term(
      "free",
      gpu.memoryBytes - projected,
      `Free: left on the ${gib(gpu.memoryBytes)} card (TGI keeps ${Math.round((1 - TGI_WIGGLE_ROOM) * 100)} % wiggle room) when this instance runs alone`,
    ),
  );

  const findings = [
    ...p.findings,
    ...limitFindings(instance, {
      maxInputTokens,
      prefillTokens,
      chunkedPrefill: profile.name === "tgi-3" && tgi.maxBatchPrefillTokens === undefined,
    }),
    ...memoryFindings(instance, gpu, {
      kvTokens: pool.tokens,
      maxTotalTokens,
      used,
      fraction,
      kvPerToken: p.kvBytesPerTokenPerGpu,
    }),
  ];
  return assembleBudget(instance, p, {
    engine: "tgi",
    gpuMemoryBytes: gpu.memoryBytes,
    activationBytes: activation.bytes,
    nonTorchBytes: nonTorch.bytes,
    cudaGraphBytes: graphs,
    kv: pool,
    budgetBytesPerGpu: Math.floor(gpu.memoryBytes * fraction),
    projectedUsedBytesPerGpu: projected,
    availableKvBytesPerGpu: available,
    maxModelLen: maxTotalTokens,
    maxConcurrency: pool.tokens / maxTotalTokens,
    fits,
    maxModelLenThatFits: Math.min(pool.tokens, maxPositions),
    terms,
    findings,
    settings: {
      profile: profile.name,
      blockSizeTokens: profile.blockSize,
      maxNumSeqs: 128, // --max-concurrent-requests default
      maxNumBatchedTokens: prefillTokens,
      maxInputTokens,
      maxTotalTokens,
      maxBatchPrefillTokens: prefillTokens,
    },
  });
}

interface Limits {
  maxInputTokens: number;
  prefillTokens: number;
  /** TGI 3 prefills in chunks, so its default max_batch_prefill_tokens may be below max_input_tokens. */
  chunkedPrefill: boolean;
}

/**
 * The launcher check that needs the budget's defaults (max_batch_prefill_tokens against max_input_tokens). The checks
 * on the limits as set (input < total ≤ batch total) are lib/layout/rules' (tgi.*).
 */
function limitFindings(instance: Instance, l: Limits): Finding[] {
  const tgi = instance.tgi;
  const findings: Finding[] = [];
  const base = { instanceId: instance.id };
  if (!l.chunkedPrefill && l.prefillTokens < l.maxInputTokens) {
    findings.push({
      ...base,
      code: "budget.tgi-prefill-below-input",
      severity: "error",
      field: "tgi.maxBatchPrefillTokens",
      message: `max_batch_prefill_tokens ${count(l.prefillTokens)} is below max_input_tokens ${count(l.maxInputTokens)}; the launcher stops with "\`max_batch_prefill_tokens\` must be >= \`max_input_tokens\`".`,
      fix: `set --max-batch-prefill-tokens ${l.maxInputTokens + 50} (max_input_tokens + 50, TGI's old default) or lower --max-input-tokens.`,
      patch: {
        tgi: { cudaMemoryFraction: tgi?.cudaMemoryFraction ?? 1, ...tgi, maxBatchPrefillTokens: l.maxInputTokens + 50 },
      },
    });
  }
  return findings;
}

interface MemoryFacts {
  kvTokens: number;
  maxTotalTokens: number;
  used: number;
  fraction: number;
  kvPerToken: number;
}

function memoryFindings(instance: Instance, gpu: GpuTarget, m: MemoryFacts): Finding[] {
  if (m.kvTokens >= m.maxTotalTokens && m.kvTokens > 0) return [];
  const where = `instance "${instance.id}" (${instance.model}, ${instance.tp} shard${instance.tp > 1 ? "s" : ""}, ${gib(gpu.memoryBytes)} GPU)`;
  const needed = m.used + m.maxTotalTokens * m.kvPerToken;
  const fractionFix = fractionNeeded(needed / 0.9, gpu.memoryBytes);
  if (m.kvTokens === 0) {
    return [
      {
        instanceId: instance.id,
        code: "budget.tgi-no-kv-memory",
        severity: "error",
        field: "tgi.cudaMemoryFraction",
        message: `${where}: weights, warm-up activation and CUDA context (${gib(m.used)}) leave no memory for the KV cache under --cuda-memory-fraction ${m.fraction}; warm-up fails and TGI exits.`,
        fix:
          fractionFix <= 1 && m.fraction < 1
            ? `raise --cuda-memory-fraction to ${fractionFix}, or shard over more GPUs (--num-shard) / quantize.`
            : `shard over more GPUs (--num-shard ${instance.tp * 2}) or quantize (--quantize awq/gptq with a matching checkpoint).`,
      },
    ];
  }
  return [
    {
      instanceId: instance.id,
      code: "budget.tgi-max-total-does-not-fit",
      severity: "error",
      field: "tgi.maxTotalTokens",
      message: `${where}: the KV cache holds ${count(m.kvTokens)} tokens but max_total_tokens is ${count(m.maxTotalTokens)}; TGI stops after warm-up because one request of max_total_tokens does not fit (not enough memory).`,
      fix: `lower --max-total-tokens to ${count(m.kvTokens)} (and --max-input-tokens below it), or add shards.`,
      patch: {
        tgi: {
          cudaMemoryFraction: instance.tgi?.cudaMemoryFraction ?? 1,
          ...instance.tgi,
          maxTotalTokens: m.kvTokens,
          maxInputTokens: Math.min(instance.tgi?.maxInputTokens ?? m.kvTokens - 1, m.kvTokens - 1),
        },
      },
    },
  ];
}
