import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import { estimateActivation } from "./activation";
import { assembleBudget, fractionNeeded, prepare, term, type BudgetModel, type GpuTarget } from "./common";
import { kvPool, type KvPool } from "./kv";
import { nonTorchPlan } from "./non-torch";
import { cudaContextOverhead, tgiCudaGraphBytes } from "./overheads";
import { selectTgiProfile, tgiBlockSize } from "./tgi-profiles";
import type { InstanceBudget } from "./types";
import { ceilDiv, count, gib } from "./units";

/**
 * TGI's warm-up prefill asks for prefill logprobs (backends/client warmup: prefill_logprobs: true), so the lm_head
 * produces logits for every prompt token and log_softmax copies them: 4.04 B per logit measured on H200
 * (bench/results/h200-nccl-logits.json, bf16). Sharded, TensorParallelHead also keeps its own slice (2 / shards B per
 * logit) beside the all-gathered full logits.
 */
const PREFILL_LOGPROBS_BYTES_PER_LOGIT = 4.04;
const logitBytes = (shards: number): number => PREFILL_LOGPROBS_BYTES_PER_LOGIT + (shards > 1 ? 2 / shards : 0);

/**
 * What the warm-up leaves reserved in PyTorch's caching allocator when TGI reads `mem_get_info()` (flash_causal_lm.py
 * warmup: no empty_cache() between the warm-up prefill and the free-memory read, in every release 1.0–3.3). A freed
 * block only serves requests no larger than itself, so when the head's logits are larger than every block the layers
 * freed, they get segments of their own and the reserve is the layers' peak plus the head's: measured on an H200 over
 * ten shapes, reserve = layer-phase reserve + head-phase peak within 0.03 GB (bench/results/h200-tgi-warmup-v2.json).
 */
function warmupReserve(
  model: BudgetModel,
  tp: number,
  tokens: number,
  logitRows: number,
  activation: { bytes: number; forwardBytes: number; samplerBytes: number },
): { bytes: number; explanation: string } {
  const largestLayerBlock = tokens * 2 * ceilDiv(model.intermediateSize, tp) * 2; // the fused gate_up output
  const logitsBlock = logitRows * model.vocabSize * 2;
  const rows = logitRows === tokens ? "every token" : `${count(logitRows)} last token${logitRows === 1 ? "" : "s"}`;
  if (logitsBlock <= largestLayerBlock)
    return {
      bytes: Math.max(activation.forwardBytes, activation.samplerBytes),
      explanation: `the larger of the layers (${gib(activation.forwardBytes)}) and the logits of ${rows} (${gib(activation.samplerBytes)}), which reuse the layers' freed blocks`,
    };
  const head = tokens * model.hiddenSize * 2 + activation.samplerBytes;
  return {
    bytes: Math.round(activation.forwardBytes + head),
    explanation: `the layers' blocks (${gib(activation.forwardBytes)}) plus the logits of ${rows} (${gib(head)}), too large to reuse them`,
  };
}

export function budgetTgi(instance: Instance, model: BudgetModel, gpu: GpuTarget): InstanceBudget {
  const profile = selectTgiProfile(instance.engineVersion);
  const tgi = instance.tgi ?? { cudaMemoryFraction: 1 };
  const effective: Instance = { ...instance, maxModelLen: tgi.maxTotalTokens ?? instance.maxModelLen, vllm: undefined };
  // TGI builds lm_head by loading the tied embedding's tensor a second time (SpeculativeHead.load with prefix
  // "model.embed_tokens"): two copies on the GPU where vLLM shares one.
  // TGI's flash DeepSeek-V2 caches expanded K/V per head, not MLA's latent.
  const p = prepare(effective, { ...model, tieWordEmbeddings: false }, 1, 0, false);
  const maxPositions = p.derivedMaxModelLen;
  const blockSize = tgiBlockSize(profile, tgi, gpu.computeCapability);
  // Defaults that do not depend on the KV cache (2.x fixed limits; 3.x prefill 4,096) size the warm-up.
  const provisional = profile.defaultLimits(maxPositions, maxPositions);
  const provisionalInput =
    tgi.maxInputTokens ?? (tgi.maxTotalTokens ? tgi.maxTotalTokens - 1 : provisional.maxInputTokens);
  const prefillTokens = tgi.maxBatchPrefillTokens ?? profile.defaultPrefillTokens(provisionalInput, maxPositions);

  const prefillLogprobs = tgi.prefillLogprobs ?? profile.prefillLogprobs;
  // Without prefill logprobs the lm_head sees each warm-up request's last token only (the router packs requests of
  // max_input_tokens up to max_batch_prefill_tokens).
  const logitRows = prefillLogprobs ? prefillTokens : Math.ceil(prefillTokens / Math.max(1, provisionalInput));
  const activation = estimateActivation(model, {
    tokens: prefillTokens,
    seqs: logitRows,
    tp: instance.tp,
    dtypeBytes: 2,
    samplerBytesPerLogit: logitBytes(instance.tp),
    mlpIntermediates: 4,
  });
  const reserve = warmupReserve(model, instance.tp, prefillTokens, logitRows, activation);
  const nonTorch = nonTorchPlan({
    ranks: instance.tp,
    tp: instance.tp,
    gpu,
    accounting: "device-used",
    ncclInBudget: true,
    customAllReduce: false,
    communicators: 1,
  });
  const graphs = instance.enforceEager || tgi.cudaGraphs?.length === 0 ? 0 : tgiCudaGraphBytes(model);
  const context = cudaContextOverhead();
  const fraction = tgi.cudaMemoryFraction;
  const total = gpu.cudaTotalBytes;
  const used = context.bytes + p.weightsBytesPerGpu + reserve.bytes + nonTorch.countedBytes;
  const blockBytes = p.kvBytesPerTokenPerGpu * blockSize;
  const warmupKv = Math.ceil(prefillTokens / blockSize) * blockBytes;
  // free after warm-up (its KV blocks in use) under the fraction, × the 2.x wiggle room, then its blocks added back.
  // When the warm-up itself does not fit, TGI stops with "Not enough memory to handle N prefill tokens".
  const free = total * fraction * profile.fractionWiggle - used - warmupKv;
  const fixedTokens =
    profile.fixedBatchTotalTokens === undefined
      ? undefined
      : (tgi.maxBatchTotalTokens ?? profile.fixedBatchTotalTokens);
  const fixedPool = fixedTokens === undefined ? undefined : fixedKvPool(fixedTokens, blockSize, blockBytes);
  const fixedFits = fixedPool === undefined || used + fixedPool.bytes <= total * fraction;
  const available = fixedPool ? fixedPool.bytes : free > 0 ? Math.floor(free * profile.freeWiggle + warmupKv) : 0;
  const pool = fixedPool ?? kvPool(available, p.kvBytesPerTokenPerGpu, blockSize);
  const limits = profile.defaultLimits(maxPositions, pool.tokens > 0 ? pool.tokens : maxPositions);
  const maxTotalTokens =
    tgi.maxTotalTokens ??
    (tgi.maxInputTokens ? Math.max(limits.maxTotalTokens, tgi.maxInputTokens + 1) : limits.maxTotalTokens);
  const maxInputTokens = tgi.maxInputTokens ?? (tgi.maxTotalTokens ? tgi.maxTotalTokens - 1 : limits.maxInputTokens);
  const fits = fixedFits && pool.tokens > 0 && pool.tokens >= maxTotalTokens;
  const wiggle = profile.fractionWiggle !== 1 ? `${profile.fractionWiggle} × ` : "";
  const freeWiggle = profile.freeWiggle !== 1 ? `, × ${profile.freeWiggle}` : "";

  const terms = [
    term("weights", p.weightsBytesPerGpu, p.weightsExplanation),
    term(
      "activation",
      reserve.bytes,
      `Activation: warm-up prefill of ${count(prefillTokens)} tokens (max_batch_prefill_tokens)${prefillLogprobs ? " with prefill logprobs" : ""}, as PyTorch's cache still holds it when TGI reads the free memory: ${reserve.explanation}`,
    ),
    term("nonTorch", nonTorch.countedBytes, nonTorch.explanation),
    term(
      "cudaGraphs",
      graphs,
      graphs ? "CUDA graphs: captured after the KV cache, inside TGI's wiggle room" : "CUDA graphs: none",
    ),
    term(
      "kvCache",
      pool.bytes,
      fixedPool
        ? `KV cache: --max-batch-total-tokens ${count(pool.tokens)} as ${count(pool.blocks)} blocks of ${blockSize} (+ 10 spare), allocated before the warm-up (TGI < 0.9.4 infers nothing)`
        : `KV cache: ${fraction} × ${wiggle}${gib(total)} − context − weights − warm-up activation − non-torch${freeWiggle}, in blocks of ${blockSize} → ${count(pool.tokens)} tokens (max_batch_total_tokens)`,
    ),
    term("reserved", context.bytes, context.explanation),
  ];
  const projected = terms.reduce((sum, t) => sum + t.bytes, 0);
  terms.push(
    term(
      "free",
      gpu.memoryBytes - projected,
      `Free: left on the ${gib(gpu.memoryBytes)} card (TGI keeps its wiggle room) when this instance runs alone`,
    ),
  );

  const findings = [
    ...p.findings,
    ...limitFindings(instance, {
      maxInputTokens,
      prefillTokens,
      chunkedPrefill: profile.name.startsWith("tgi-3") && tgi.maxBatchPrefillTokens === undefined,
    }),
    ...fixedPoolFindings(
      instance,
      gpu,
      fixedPool && !fixedFits ? { pool: fixedPool, used, prefillTokens, fraction } : undefined,
    ),
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
    cudaTotalBytes: total,
    activationBytes: reserve.bytes,
    nonTorchBytes: nonTorch.countedBytes,
    nonTorchCountedBytes: nonTorch.countedBytes,
    cudaGraphBytes: graphs,
    kv: pool,
    budgetBytesPerGpu: Math.floor(total * fraction),
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
      blockSizeTokens: blockSize,
      maxNumSeqs: 128, // --max-concurrent-requests default
      maxNumBatchedTokens: prefillTokens,
      maxInputTokens,
      maxTotalTokens,
      maxBatchPrefillTokens: prefillTokens,
    },
    uncertaintyClass: {
      profile: profile.name,
      tp: instance.tp,
      weightFormat: p.format.label,
      neededTokens: maxTotalTokens,
      multimodal: model.multimodal,
    },
  });
}

/** TGI 0.9.0–0.9.3's cache: ceil(tokens / block) + 10 blocks, holding the router's max_batch_total_tokens. */
function fixedKvPool(tokens: number, blockSize: number, blockBytes: number): KvPool {
  const blocks = Math.ceil(tokens / blockSize) + 10;
  return { blocks, tokens, bytes: blocks * blockBytes };
}

function fixedPoolFindings(
  instance: Instance,
  gpu: GpuTarget,
  f: { pool: KvPool; used: number; prefillTokens: number; fraction: number } | undefined,
): Finding[] {
  if (!f) return [];
  const room = gpu.cudaTotalBytes * f.fraction - f.used;
  const tokensThatFit = Math.max(0, Math.floor(room / (f.pool.bytes / f.pool.tokens)) - 10 * 16);
  return [
    {
      instanceId: instance.id,
      code: "budget.tgi-max-total-does-not-fit",
      severity: "error",
      field: "tgi.maxBatchTotalTokens",
      message: `instance "${instance.id}" (${instance.model}, ${gib(gpu.memoryBytes)} GPU): a KV cache of ${count(f.pool.tokens)} tokens (${gib(f.pool.bytes)}) beside weights, warm-up activation and CUDA context (${gib(f.used)}) does not fit; TGI stops with "Not enough memory to handle ${f.pool.tokens} total tokens with ${f.prefillTokens} prefill tokens. You need to decrease \`--max-batch-total-tokens\` or \`--max-batch-prefill-tokens\`".`,
      fix: `set --max-batch-total-tokens ${count(Math.max(0, tokensThatFit))} or fewer, add shards, or use TGI 0.9.4 or later, which sizes the cache itself.`,
    },
  ];
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
  const fractionFix = fractionNeeded(needed / 0.9, gpu.cudaTotalBytes);
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
