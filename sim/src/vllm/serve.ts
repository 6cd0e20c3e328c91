import { atLeast } from "../cli/spec";
import { EngineCore } from "../engine/core";
import { RealTimeRunner } from "../engine/runner";
import { buildTimingModel } from "../engine/timing-model";
import { VllmScheduler } from "../engine/vllm-scheduler";
import { EngineFailure } from "../failure";
import { DEFAULT_STATE_INTERVAL_MS, type FaceContext, othersOnGpu, sleep } from "../face";
import { listen, serve } from "../http";
import { VllmLog } from "../log";
import { torchTotalBytes } from "../model/overheads";
import { resolveModel } from "../model/resolve";
import { pyRepr, thousands } from "../pyrepr";
import { StatePublisher } from "../state/publisher";
import { missingQuantConfig } from "./checks";
import { vllmSettings, type VllmSettings } from "./config";
import { type Entry, parseVllmArgs } from "./args";
import { checkFreeMemory, sizeVllmMemory, type VllmMemory } from "./memory";
import { VllmMetrics } from "./metrics";
import { vllmFrontend, vllmNotFound, vllmRoutes } from "./routes";
import { VllmStatsLog } from "./stats-log";
import { DEFAULT_VLLM_VERSION } from "../versions";

export { DEFAULT_VLLM_VERSION };
const GIB = 2 ** 30;
const gib = (bytes: number, digits = 2) => (bytes / GIB).toFixed(digits);

/** `vllm serve …` / `python -m vllm.entrypoints.openai.api_server …`: parse, check, "load", serve. Resolves with an exit status once the engine fails; serves forever otherwise. */
export async function runVllm(args: readonly string[], entry: Entry, ctx: FaceContext): Promise<number> {
  const version = ctx.env.FLEETDECK_SIM_ENGINE_VERSION ?? DEFAULT_VLLM_VERSION;
  const log = new VllmLog(ctx.sink, atLeast(version, "0.10.2"));
  const started = Date.now();
  log.line("INFO", "__init__.py:216", "Automatically detected platform cuda.", "none");
  const parsed = parseVllmArgs(args, version, entry);
  if (!parsed.ok) {
    ctx.sink.err(parsed.message.trimEnd());
    return parsed.exitCode;
  }
  const values = parsed.args.values;
  values.model = values.model_tag ?? values.model ?? "facebook/opt-125m";
  log.info("api_server.py:1839", `vLLM API server version ${version}`);
  log.info(
    "utils.py:233",
    `non-default args: ${pyRepr(Object.fromEntries(parsed.args.given.map((k) => [k, values[k]])))}`,
  );
  try {
    const resolved = resolveModel(String(values.model), ctx.env.FLEETDECK_SIM_MODEL_CONFIG);
    if ("error" in resolved) throw new EngineFailure(`OSError: ${resolved.error}`);
    const settings = vllmSettings(values, resolved.arch, ctx.visible, version);
    log.info("model.py:547", `Resolved architecture: ${resolved.arch.architecture}`);
    log.info("model.py:1510", `Using max model len ${settings.maxModelLen}`);
    settings.warnings.forEach((w) => {
      log.warn("config.py:1203", w);
    });
    log.info(
      "scheduler.py:205",
      `Chunked prefill is enabled with max_num_batched_tokens=${settings.maxNumBatchedTokens}.`,
    );
    const memory = await loadEngine(settings, ctx, log);
    return await startServer(settings, memory, ctx, log, started);
  } catch (error) {
    if (!(error instanceof EngineFailure)) throw error;
    ctx.sink.err(
      "Traceback (most recent call last):\n  (simulated by fleetdeck-sim: the real engine's traceback is omitted)",
    );
    ctx.sink.err(error.lines);
    return error.exitCode;
  }
}

async function loadEngine(settings: VllmSettings, ctx: FaceContext, log: VllmLog): Promise<VllmMemory> {
  const q = settings.quantization ?? "None";
  log.info(
    "core.py:77",
    `Initializing a V1 LLM engine (v${settings.version}) with config: model='${settings.model}', tokenizer='${settings.model}', dtype=torch.${settings.dtype}, max_seq_len=${settings.maxModelLen}, tensor_parallel_size=${settings.tp}, pipeline_parallel_size=${settings.pp}, data_parallel_size=${settings.dp}, quantization=${q}, enforce_eager=${settings.enforceEager ? "True" : "False"}, kv_cache_dtype=${settings.kvCacheDtype}, served_model_name=${settings.servedModelName}`,
    "core",
  );
  for (let rank = 0; rank < settings.tp * settings.pp; rank++) {
    log.info(
      "parallel_state.py:1208",
      `rank ${rank} in world size ${settings.tp * settings.pp} is assigned as DP rank 0, PP rank ${Math.floor(rank / settings.tp)}, TP rank ${rank % settings.tp}, EP rank ${rank % settings.tp}`,
      "core",
    );
  }
  const others = othersOnGpu(ctx);
  try {
    settings.engineGpus[0]!.forEach((gpu) => {
      checkFreeMemory(settings, gpu, others(gpu));
    });
  } catch (error) {
    if (error instanceof EngineFailure) throw engineCoreFailure(error.lines);
    throw error;
  }
  log.info("gpu_model_runner.py:2602", `Starting to load model ${settings.model}...`, "core");
  const missing = missingQuantConfig(settings.arch, settings.quantization);
  if (missing) throw engineCoreFailure(missing);
  log.info("cuda.py:366", "Using Flash Attention backend on V1 engine.", "core");
  await sleep(ctx.loadMs * 0.5);
  let memory: VllmMemory;
  try {
    memory = sizeVllmMemory(settings, settings.engineGpus[0]!, others);
  } catch (error) {
    if (error instanceof EngineFailure) throw engineCoreFailure(error.lines);
    throw error;
  }
  const rank0 = memory.ranks[0]!;
  log.info("default_loader.py:267", `Loading weights took ${((ctx.loadMs * 0.4) / 1000).toFixed(2)} seconds`, "core");
  log.info(
    "gpu_model_runner.py:2653",
    `Model loading took ${gib(rank0.weightsBytes, 4)} GiB and ${((ctx.loadMs * 0.5) / 1000).toFixed(6)} seconds`,
    "core",
  );
  await sleep(ctx.loadMs * 0.2);
  log.info(
    "gpu_worker.py:298",
    `Available KV cache memory: ${gib(Math.min(...memory.ranks.map((r) => r.availableKvBytes)))} GiB`,
    "core",
  );
  log.info("kv_cache_utils.py:1087", `GPU KV cache size: ${thousands(memory.kvTokens)} tokens`, "core");
  log.info(
    "kv_cache_utils.py:1091",
    `Maximum concurrency for ${thousands(settings.maxModelLen)} tokens per request: ${(memory.kvTokens / settings.maxModelLen).toFixed(2)}x`,
    "core",
  );
  if (!settings.enforceEager) {
    log.raw(
      "Capturing CUDA graphs (mixed prefill-decode, PIECEWISE): 100%|██████████| 67/67 [00:02<00:00, 24.41it/s]",
      "core",
    );
    await sleep(ctx.loadMs * 0.2);
    log.info(
      "gpu_model_runner.py:3480",
      `Graph capturing finished in ${Math.round((ctx.loadMs * 0.2) / 1000)} secs, took ${gib(rank0.cudaGraphBytes)} GiB`,
      "core",
    );
  }
  return memory;
}

/** V1 runs the engine in its own process: its failure is re-raised by the API server. */
const engineCoreFailure = (lines: string) =>
  new EngineFailure(
    `${lines}\nRuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}`,
  );

async function startServer(
  settings: VllmSettings,
  memory: VllmMemory,
  ctx: FaceContext,
  log: VllmLog,
  started: number,
): Promise<number> {
  const rank0 = memory.ranks[0]!;
  if (atLeast(settings.version, "0.10.2"))
    log.info(
      "gpu_worker.py:391",
      `Free memory on device (${gib(torchTotalBytes(rank0.gpu) - rank0.contextBytes)}/${gib(torchTotalBytes(rank0.gpu))} GiB) on startup. Desired GPU memory utilization is (${settings.gpuMemoryUtilization}, ${gib(torchTotalBytes(rank0.gpu) * settings.gpuMemoryUtilization)} GiB). Actual usage is ${gib(rank0.weightsBytes)} GiB for weight, ${gib(rank0.activationBytes)} GiB for peak activation, ${gib(rank0.nonTorchBytes)} GiB for non-torch memory, and ${gib(rank0.cudaGraphBytes)} GiB for CUDAGraph memory. Current kv cache memory in use is ${rank0.kvBytes} bytes.`,
      "core",
    );
  log.info(
    "core.py:210",
    `init engine (profile, create kv cache, warmup model) took ${((Date.now() - started) / 1000).toFixed(2)} seconds`,
    "core",
  );
  const cores = settings.engineGpus.map((gpus) => {
    const timing = buildTimingModel({
      arch: settings.arch,
      gpu: gpus[0]!,
      tp: settings.tp,
      pp: settings.pp,
      ...(settings.quantization ? { quantization: settings.quantization } : {}),
      kvDtypeBytes: settings.kvDtypeBytes,
      eager: settings.enforceEager,
    });
    return new EngineCore(
      new VllmScheduler(memory.numBlocks, settings.blockSize, {
        maxNumSeqs: settings.maxNumSeqs,
        tokenBudget: settings.maxNumBatchedTokens,
      }),
      timing,
    );
  });
  const runners = cores.map((core) => new RealTimeRunner(core));
  const metrics = new VllmMetrics(
    cores,
    settings.servedModelName,
    settings.version,
    settings.maxModelLen,
    {
      blockSize: settings.blockSize,
      gpuMemoryUtilization: settings.gpuMemoryUtilization,
      cacheDtype: settings.kvCacheDtype,
      numGpuBlocks: memory.numBlocks,
      enablePrefixCaching: true,
      cpuOffloadGb: settings.cpuOffloadBytes / GIB,
      ...(settings.numGpuBlocksOverride !== undefined ? { numGpuBlocksOverride: settings.numGpuBlocksOverride } : {}),
      ...(settings.kvCacheMemoryBytes !== undefined ? { kvCacheMemoryBytes: settings.kvCacheMemoryBytes } : {}),
    },
    process.env.FLEETDECK_SIM_SHOW_HIDDEN === "1",
  );
  settings.engineGpus.forEach((gpus, e) => {
    gpus.forEach((gpu, r) => {
      log.info(
        "fleetdeck-sim",
        `engine ${e} rank ${r}: GPU ${gpu.index} (${gpu.uuid}, ${gpu.spec.name}) holds ${gib(memory.ranks[r]?.usedBytes ?? rank0.usedBytes)} GiB of ${gib(gpu.spec.memoryBytes)} GiB`,
        "core",
      );
    });
  });
  log.info(
    "loggers.py:147",
    `Engine 000: vllm cache_config_info with initialization after num_gpu_blocks is: ${memory.numBlocks}`,
  );
  log.info("api_server.py:1634", "Supported_tasks: ['generate']");
  const server = serve(vllmRoutes(settings, vllmFrontend(settings, runners), metrics), vllmNotFound, (res, message) =>
    vllmFrontend(settings, runners).badRequest(res, message),
  );
  await listen(server, settings.port, settings.host);
  const where = `http://${settings.host}:${settings.port}`;
  if (atLeast(settings.version, "0.9.0")) log.info("api_server.py:1912", `Starting vLLM API server 0 on ${where}`);
  else log.info("api_server.py:1071", `Starting vLLM API server on ${where}`);
  log.info("launcher.py:34", "Available routes are:");
  for (const route of [
    "/health, Methods: GET",
    "/metrics, Methods: GET",
    "/v1/models, Methods: GET",
    "/v1/chat/completions, Methods: POST",
    "/v1/completions, Methods: POST",
  ])
    log.info("launcher.py:42", `Route: ${route}`);
  log.raw(`INFO:     Started server process [${process.pid}]`);
  log.raw("INFO:     Waiting for application startup.");
  log.raw("INFO:     Application startup complete.");
  if (ctx.env.FLEETDECK_SIM_STATE_DIR) {
    new StatePublisher({
      dir: ctx.env.FLEETDECK_SIM_STATE_DIR,
      engine: "vllm",
      host: ctx.host.name,
      model: settings.model,
      processName: "python3",
      intervalMs: ctx.env.FLEETDECK_SIM_STATE_INTERVAL_MS ?? DEFAULT_STATE_INTERVAL_MS,
      holdings: settings.engineGpus.flatMap((gpus, e) =>
        gpus.map((gpu, r) => ({
          gpu,
          memoryUsedBytes: memory.ranks[r]?.usedBytes ?? rank0.usedBytes,
          busyMs: () => runners[e]!.busyMilliseconds,
        })),
      ),
    }).start();
  }
  new VllmStatsLog(cores, log).start();
  return new Promise<number>(() => {});
}
