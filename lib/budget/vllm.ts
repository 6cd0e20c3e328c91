import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import { estimateActivation } from "./activation";
import { visionProfileActivation } from "./vision-activation";
import {
  assembleBudget,
  fractionNeeded,
  prepare,
  term,
  type BudgetModel,
  type GpuTarget,
  type Prepared,
} from "./common";
import { DEFAULT_BLOCK_SIZE, kvPool, maxConcurrency, slidingWindowShape, type KvPool } from "./kv";
import { roundMaxModelLen } from "./max-len";
import { nonTorchPlan, usesCustomAllReduce } from "./non-torch";
import { graphCapture } from "./graph-capture";
import { modelRunnerV2BytesPerLogit, reservesCudaGraphs, usesModelRunnerV2 } from "./model-runner";
import { cudaContextOverhead, type GraphMemory, vllmCudaGraphBytes } from "./overheads";
import type { InstanceBudget } from "./types";
import { ceilDiv, count, gib } from "./units";
import {
  releaseOf,
  SAMPLER_BYTES_PER_LOGIT,
  samplerDependsOnInstall,
  samplerPath,
  selectVllmProfile,
  v1FallsBackToV0,
  VLLM_MIN_COMPUTE_CAPABILITY,
  type VllmProfile,
} from "./vllm-profiles";
import { GIB, KIB } from "../vocabulary/units";
import { compareVersions } from "../vocabulary/version";

const V0_SWAP_SPACE_BYTES = 4 * GIB;

/** The per-GPU memory plan of one vLLM instance (every rank of its TP group gets the same). */
export function budgetVllm(instance: Instance, model: BudgetModel, gpu: GpuTarget): InstanceBudget {
  const v = instance.vllm ?? {};
  const fallsBack = v.useV1 === undefined && v1FallsBackToV0(instance.engineVersion, gpu.computeCapability);
  const profile = selectVllmProfile(instance.engineVersion, fallsBack ? false : v.useV1);
  const p = prepare(
    instance,
    model,
    64,
    profile.engine === "V0" ? V0_SWAP_SPACE_BYTES : 0,
    cachesMlaLatent(instance.engineVersion),
  );
  const blockSize = v.blockSize ?? (model.mla && profile.engine === "V1" ? 64 : DEFAULT_BLOCK_SIZE);
  const defaults = profile.defaults({
    gpuMemoryBytes: gpu.cudaTotalBytes,
    gpuName: gpu.name,
    maxModelLen: p.maxModelLen,
    chunkedPrefill: v.enableChunkedPrefill,
  });
  const maxNumSeqs = instance.maxNumSeqs ?? defaults.maxNumSeqs;
  const maxNumBatchedTokens = instance.maxNumBatchedTokens ?? defaults.maxNumBatchedTokens;
  const profileTokens = instance.maxNumBatchedTokens ?? defaults.profileTokens;
  const runnerV2 =
    profile.engine === "V1" &&
    usesModelRunnerV2(instance.engineVersion, model, {
      quantized: model.quantization !== undefined || instance.quantization !== undefined,
      forced: v.modelRunnerV2,
    });
  const path = samplerPath(profile, instance.engineVersion, v.flashinferSampler);
  const sampler = runnerV2
    ? { name: "Model Runner V2", bytesPerLogit: modelRunnerV2BytesPerLogit(instance.engineVersion) }
    : { name: path, bytesPerLogit: SAMPLER_BYTES_PER_LOGIT[path] };

  const activation = estimateActivation(model, {
    tokens: profileTokens,
    seqs: maxNumSeqs,
    tp: instance.tp,
    dtypeBytes: 2,
    samplerBytesPerLogit: sampler.bytesPerLogit,
  });
  const vision = visionProfileActivation(model, {
    engine: profile.engine,
    tp: instance.tp,
    maxNumSeqs,
    maxNumBatchedTokens: profileTokens,
    imagesPerPrompt: v.limitMmPerPrompt?.image,
  });
  // The tower runs first; its images' embeddings and pixel values stay while the language model's dummy batch runs.
  const activationBytes = vision
    ? Math.max(vision.towerBytes, activation.bytes + vision.outputBytes)
    : activation.bytes;
  const ranks = instance.tp * p.pp;
  const customAllReduce = usesCustomAllReduce(instance.tp, gpu, v.disableCustomAllReduce ?? false);
  const nonTorch = nonTorchPlan({
    ranks,
    tp: instance.tp,
    gpu,
    accounting: profile.accounting,
    ncclInBudget: profile.ncclInBudget,
    customAllReduce,
    communicators: 2,
    preferHipBlasLt: v.preferHipBlasLt,
  });
  const graphMemory = instance.enforceEager
    ? { bytes: 0, ncclBytes: 0, ncclCalls: 0 }
    : vllmCudaGraphBytes(
        model,
        instance.tp,
        graphCapture(profile.cudaGraphs, {
          maxNumSeqs,
          maxNumBatchedTokens,
          decodeTokens: 1 + (v.speculative?.numSpeculativeTokens ?? 0),
          explicitSizes: v.cudaGraphSizes,
        }),
        !customAllReduce,
      );
  const graphs = graphMemory.bytes;
  const context = cudaContextOverhead();
  const budgetBytes = Math.floor(gpu.cudaTotalBytes * instance.gpuMemoryUtilization);
  const graphsReserved = reservesCudaGraphs(
    instance.engineVersion,
    profile.cudaGraphsInBudget,
    runnerV2,
    v.estimateCudaGraphs,
  );
  const graphsInside = graphsReserved ? graphs : 0;
  const contextInside = profile.accounting === "device-used" || profile.accounting === "peak-plus-non-torch";
  const nonKvBytes =
    p.weightsBytesPerGpu + activationBytes + nonTorch.countedBytes + graphsInside + (contextInside ? context.bytes : 0);
  const available = v.kvCacheMemoryBytes ?? budgetBytes - nonKvBytes;
  const computed = kvPool(available, p.kvBytesPerTokenPerGpu, blockSize);
  const pool = v.numGpuBlocksOverride
    ? poolOfBlocks(v.numGpuBlocksOverride, p.kvBytesPerTokenPerGpu, blockSize)
    : computed;
  const sliding = profile.hybridKv ? slidingWindowShape(model) : undefined;
  const concurrency = maxConcurrency(pool, p.maxModelLen, model.numLayers, blockSize, sliding);
  const holdsOneRequest = (kv: KvPool) =>
    kv.blocks > 0 &&
    (sliding
      ? maxConcurrency(kv, p.maxModelLen, model.numLayers, blockSize, sliding) >= 1
      : kv.blocks >= ceilDiv(p.maxModelLen, blockSize));
  // V0 applies --num-gpu-blocks-override before its max_model_len check; V1 checks the memory, then overrides.
  const overrideAfterCheck = v.numGpuBlocksOverride !== undefined && profile.engine === "V1";
  const checked = overrideAfterCheck ? computed : pool;
  const tooOld = gpu.computeCapability !== undefined && gpu.computeCapability < VLLM_MIN_COMPUTE_CAPABILITY;
  const fits = !tooOld && holdsOneRequest(checked);
  const maxModelLenThatFits = Math.min(checked.tokens, p.derivedMaxModelLen);

  const gmu = instance.gpuMemoryUtilization;
  const sizing = v.kvCacheMemoryBytes
    ? `--kv-cache-memory-bytes ${gib(v.kvCacheMemoryBytes)}`
    : `${gmu} × ${gib(gpu.cudaTotalBytes)} − weights − activation − non-torch${contextInside ? " − CUDA context" : ""}${graphsInside ? " − CUDA graphs" : ""} = ${gib(Math.max(0, available))}`;
  const blocks = v.numGpuBlocksOverride ? `${count(pool.blocks)} blocks (--num-gpu-blocks-override)` : "whole blocks";
  const terms = [
    term("weights", p.weightsBytesPerGpu, p.weightsExplanation),
    term(
      "activation",
      activationBytes,
      `Activation: peak of the profile run, the larger of ${count(profileTokens)} tokens × ${(activation.perTokenBytes / KIB).toFixed(0)} KiB in the MLP (${gib(activation.forwardBytes)}) and the ${sampler.name} sampler's logits for ${count(Math.min(maxNumSeqs, profileTokens))} sequences (${gib(activation.samplerBytes)})${vision ? `, beside ${vision.explanation}, then its embeddings and pixel values (${gib(vision.outputBytes)}) beside the language model` : ""}${samplerDependsOnInstall(profile, instance.engineVersion, v.flashinferSampler) ? ". FlashInfer as in the official image; a pip install without it samples natively (VLLM_USE_FLASHINFER_SAMPLER=0 estimates that)" : ""}`,
    ),
    term("nonTorch", nonTorch.countedBytes + nonTorch.outsideBytes, nonTorch.explanation),
    term("cudaGraphs", graphs, graphExplanation(instance.enforceEager, graphsReserved, runnerV2, graphMemory)),
    term(
      "kvCache",
      pool.bytes,
      `KV cache: ${sizing}, in ${blocks} of ${blockSize} tokens × ${(p.kvBytesPerTokenPerGpu / KIB).toFixed(0)} KiB → ${count(pool.tokens)} tokens`,
    ),
    term("reserved", context.bytes, context.explanation),
  ];
  const projected = terms.reduce((sum, t) => sum + t.bytes, 0);
  terms.push(
    term(
      "free",
      gpu.memoryBytes - projected,
      `Free: left on the ${gib(gpu.memoryBytes)} card when this instance runs alone`,
    ),
  );

  const findings = [
    ...p.findings,
    ...overrideFindings(instance, overrideAfterCheck && fits && !holdsOneRequest(pool), pool, p.maxModelLen),
    ...fitFindings({
      instance,
      fits,
      p,
      pool: checked,
      available,
      nonKvBytes,
      budgetBytes,
      gpu,
      profile,
      maxModelLenThatFits,
      blockSize,
    }),
    ...overCardFindings(instance, gpu, projected, graphs, graphsReserved),
    ...gpuGenerationFindings(instance, gpu, tooOld, fallsBack),
  ];
  return assembleBudget(instance, p, {
    engine: "vllm",
    gpuMemoryBytes: gpu.memoryBytes,
    cudaTotalBytes: gpu.cudaTotalBytes,
    activationBytes,
    nonTorchBytes: nonTorch.countedBytes + nonTorch.outsideBytes,
    nonTorchCountedBytes: nonTorch.countedBytes,
    cudaGraphBytes: graphs,
    kv: pool,
    budgetBytesPerGpu: budgetBytes,
    projectedUsedBytesPerGpu: projected,
    availableKvBytesPerGpu: available,
    maxModelLen: p.maxModelLen,
    maxConcurrency: concurrency,
    fits,
    maxModelLenThatFits,
    terms,
    findings,
    settings: { profile: profile.name, blockSizeTokens: blockSize, maxNumSeqs, maxNumBatchedTokens },
    uncertaintyClass: {
      profile: profile.name,
      tp: ranks,
      weightFormat: p.format.label,
      neededTokens: p.maxModelLen,
      multimodal: model.multimodal,
    },
  });
}

/** vLLM caches DeepSeek's MLA latent from 0.7.1 (vllm#12601, MLA for V0); before, K and V are expanded per head. */
function cachesMlaLatent(version: string | undefined): boolean {
  const release = releaseOf(version);
  return release === undefined || compareVersions(release, "0.7.1") >= 0;
}

const poolOfBlocks = (blocks: number, bytesPerToken: number, blockSize: number): KvPool => ({
  blocks,
  tokens: blocks * blockSize,
  bytes: blocks * blockSize * bytesPerToken,
});

function graphExplanation(enforceEager: boolean, reserved: boolean, runnerV2: boolean, memory: GraphMemory): string {
  if (enforceEager) return "CUDA graphs: none (--enforce-eager)";
  const nccl = memory.ncclCalls
    ? `; ${gib(memory.ncclBytes)} of it NCCL's ${count(memory.ncclCalls)} captured all-reduces (custom all-reduce is off)`
    : "";
  if (reserved)
    return `CUDA graphs: estimated before the KV cache and taken from it (vLLM ≥ 0.20, or asked for on 0.18+)${nccl}`;
  if (runnerV2)
    return `CUDA graphs: captured after the KV cache, on top of the gpu_memory_utilization budget (Model Runner V2 before 0.29 reserves none)${nccl}`;
  return `CUDA graphs: captured after the KV cache, on top of the gpu_memory_utilization budget (vLLM < 0.20, or VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=0)${nccl}`;
}

interface FitContext {
  instance: Instance;
  /** One request of max_model_len fits (sliding-window layers counted as vLLM's hybrid allocator does). */
  fits: boolean;
  p: Prepared;
  pool: KvPool;
  available: number;
  nonKvBytes: number;
  budgetBytes: number;
  gpu: GpuTarget;
  profile: VllmProfile;
  maxModelLenThatFits: number;
  blockSize: number;
}

function fitFindings(c: FitContext): Finding[] {
  const { instance, p, pool, gpu, profile } = c;
  const neededKv = ceilDiv(p.maxModelLen, c.blockSize) * c.blockSize * p.kvBytesPerTokenPerGpu;
  if (c.fits) return [];
  const gmuNeeded = fractionNeeded(c.nonKvBytes + neededKv, gpu.cudaTotalBytes);
  const raiseGmu = gmuNeeded <= 0.95 ? ` or raise gpu_memory_utilization to ${gmuNeeded}` : "";
  const where = `instance "${instance.id}" (${instance.model}, TP ${instance.tp}, ${gib(gpu.memoryBytes)} GPU)`;
  if (pool.blocks === 0) {
    return [
      {
        code: "budget.no-kv-memory",
        severity: "error",
        field: "gpuMemoryUtilization",
        message: `${where}: weights ${gib(p.weightsBytesPerGpu)} + activation + non-torch leave ${gib(c.available)} of the ${instance.gpuMemoryUtilization} × ${gib(gpu.memoryBytes)} = ${gib(c.budgetBytes)} budget for the KV cache; vLLM stops with "No available memory for the cache blocks. Try increasing \`gpu_memory_utilization\` when initializing the engine."`,
        fix:
          gmuNeeded <= 0.95
            ? `raise gpu_memory_utilization to ${gmuNeeded}, or use more GPUs (tensor_parallel_size) or a quantized checkpoint.`
            : `use more GPUs (tensor_parallel_size ${instance.tp * 2}), a quantized checkpoint (AWQ/GPTQ int4) or a larger GPU: the weights alone take ${gib(p.weightsBytesPerGpu)} per GPU.`,
        ...(gmuNeeded <= 0.95 ? { patch: { gpuMemoryUtilization: gmuNeeded } } : {}),
      },
    ];
  }
  const rounded = roundMaxModelLen(c.maxModelLenThatFits, c.blockSize);
  const engineMessage =
    profile.engine === "V1"
      ? `To serve at least one request with the models's max seq len (${p.maxModelLen}), (${gib(neededKv)} KV cache is needed, which is larger than the available KV cache memory (${gib(c.available)}). Based on the available memory, the estimated maximum model length is ${c.maxModelLenThatFits}.`
      : `The model's max seq len (${p.maxModelLen}) is larger than the maximum number of tokens that can be stored in KV cache (${pool.tokens}).`;
  return [
    {
      code: "budget.max-model-len-does-not-fit",
      severity: "error",
      field: "maxModelLen",
      message: `${where}: one request of max_model_len ${count(p.maxModelLen)} needs ${gib(neededKv)} of KV cache per GPU but only ${count(pool.tokens)} tokens (${gib(pool.bytes)}) fit; vLLM stops with "${engineMessage}"`,
      fix: `lower max_model_len to ${count(rounded)}${raiseGmu}, or add GPUs (tensor_parallel_size) / use fp8 KV cache.`,
      patch: { maxModelLen: rounded },
    },
  ];
}

/** V1 starts with --num-gpu-blocks-override below one request of max_model_len, then can never schedule one. */
function overrideFindings(instance: Instance, short: boolean, pool: KvPool, maxModelLen: number): Finding[] {
  if (!short) return [];
  return [
    {
      code: "budget.blocks-override-below-max-model-len",
      severity: "warning",
      field: "vllm.numGpuBlocksOverride",
      message: `instance "${instance.id}": --num-gpu-blocks-override ${count(pool.blocks)} holds ${count(pool.tokens)} tokens, fewer than one request of max_model_len ${count(maxModelLen)}; vLLM V1 checks the memory, not the override, so it starts, but a prompt longer than ${count(pool.tokens)} tokens can never be scheduled.`,
      fix: `raise --num-gpu-blocks-override to ${count(ceilDiv(maxModelLen, pool.tokens / pool.blocks))} or lower max_model_len to ${count(pool.tokens)}.`,
    },
  ];
}

function gpuGenerationFindings(instance: Instance, gpu: GpuTarget, tooOld: boolean, fallsBack: boolean): Finding[] {
  if (tooOld)
    return [
      {
        code: "budget.gpu-too-old",
        severity: "error",
        message: `instance "${instance.id}": vLLM's CUDA kernels are built for compute capability ${VLLM_MIN_COMPUTE_CAPABILITY} and newer; the ${gpu.name} has ${gpu.computeCapability}, so the engine stops with "no kernel image is available for execution on the device".`,
        fix: "place it on a Volta (V100), Turing (T4, RTX 20xx) or newer card, or serve it with llama.cpp on this one.",
      },
    ];
  if (fallsBack)
    return [
      {
        code: "budget.v1-falls-back-to-v0",
        severity: "warning",
        field: "engineVersion",
        message: `instance "${instance.id}": vLLM ${instance.engineVersion} runs the V0 engine on the ${gpu.name} (compute capability ${gpu.computeCapability} < 8.0: "Falling back to V0"); the budget follows V0.`,
        fix: "nothing to do; from vLLM 0.10.2 the V1 engine runs on this card too.",
      },
    ];
  return [];
}

function overCardFindings(
  instance: Instance,
  gpu: GpuTarget,
  projected: number,
  graphs: number,
  graphsReserved: boolean,
): Finding[] {
  if (projected <= gpu.memoryBytes) return [];
  const outside = graphsReserved ? "the CUDA context" : `CUDA graphs (${gib(graphs)}) and the CUDA context`;
  const gmu =
    Math.floor(
      ((gpu.memoryBytes - (projected - Math.floor(gpu.memoryBytes * instance.gpuMemoryUtilization))) /
        gpu.memoryBytes) *
        100,
    ) / 100;
  return [
    {
      code: "budget.over-card",
      severity: "warning",
      field: "gpuMemoryUtilization",
      message: `instance "${instance.id}": gpu_memory_utilization ${instance.gpuMemoryUtilization} plus ${outside}, which vLLM does not count, add up to ${gib(projected)} on a ${gib(gpu.memoryBytes)} card; it runs out of memory while capturing graphs or under load.`,
      fix: `lower gpu_memory_utilization to ${gmu}${graphs > 0 && !graphsReserved ? " or set enforce_eager" : ""}.`,
      patch: { gpuMemoryUtilization: gmu },
    },
  ];
}
