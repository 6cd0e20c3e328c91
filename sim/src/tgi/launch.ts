import { EngineCore } from "../engine/core";
import { RealTimeRunner } from "../engine/runner";
import { TgiScheduler } from "../engine/tgi-scheduler";
import { buildTimingModel } from "../engine/timing-model";
import { EngineFailure } from "../failure";
import { DEFAULT_STATE_INTERVAL_MS, type FaceContext, othersOnGpu, sleep } from "../face";
import { listen, serve } from "../http";
import { TgiLog } from "../log";
import { resolveModel } from "../model/resolve";
import { StatePublisher } from "../state/publisher";
import { tgiSettings, type TgiSettings } from "./config";
import { parseTgiArgs } from "./args";
import { sizeTgiMemory, type TgiMemory } from "./memory";
import { TgiMetrics } from "./metrics";
import { tgiNotFound, tgiRoutes } from "./routes";
import { DEFAULT_TGI_VERSION } from "../versions";

export { DEFAULT_TGI_VERSION };
const LAUNCHER = "text_generation_launcher";
const ROUTER = "text_generation_router";
const ROUTER_V3 = "text_generation_router_v3";

/** `text-generation-launcher …`: clap parsing with env fallbacks, launcher checks, shards, warm-up, router. */
export async function runTgi(args: readonly string[], ctx: FaceContext): Promise<number> {
  const version = ctx.env.FLEETDECK_SIM_ENGINE_VERSION ?? DEFAULT_TGI_VERSION;
  const parsed = parseTgiArgs(args, version, ctx.rawEnv);
  if (!parsed.ok) {
    ctx.sink.err(parsed.message.trimEnd());
    return parsed.exitCode;
  }
  const values = parsed.values;
  const log = new TgiLog(ctx.sink, values.json_output === true);
  log.info(
    LAUNCHER,
    `Args { model_id: "${String(values.model_id ?? "bigscience/bloom-560m")}", ${parsed.given
      .filter((k) => k !== "model_id")
      .map((k) => `${k}: ${JSON.stringify(values[k])}`)
      .join(", ")} }`,
  );
  try {
    const resolved = resolveModel(
      String(values.model_id ?? "bigscience/bloom-560m"),
      ctx.env.FLEETDECK_SIM_MODEL_CONFIG,
    );
    if ("error" in resolved) throw new EngineFailure(`Error: DownloadError\n${resolved.error}`);
    const settings = tgiSettings(values, resolved.arch, ctx.visible, version);
    log.info(LAUNCHER, `Using attention ${settings.attention} - Prefix caching ${settings.attention === "flashinfer"}`);
    if (settings.numShard > 1) log.info(LAUNCHER, `Sharding model on ${settings.numShard} processes`);
    if (values.max_batch_prefill_tokens === undefined)
      log.info(LAUNCHER, `Default \`max_batch_prefill_tokens\` to ${settings.maxBatchPrefillTokens}`);
    settings.warnings.forEach((w) => {
      log.warn(LAUNCHER, w);
    });
    if (settings.cudaGraphs.length > 0 && values.cuda_graphs === undefined)
      log.info(LAUNCHER, `Using default cuda graphs [${settings.cudaGraphs.join(", ")}]`);
    log.info(LAUNCHER, `Starting check and download process for ${settings.modelId}`, { name: "download" });
    log.info(LAUNCHER, `Successfully downloaded weights for ${settings.modelId}`, { name: "download" });
    const memory = await startShards(settings, ctx, log);
    return await startRouter(settings, memory, ctx, log);
  } catch (error) {
    if (!(error instanceof EngineFailure)) throw error;
    ctx.sink.err(error.lines);
    return error.exitCode;
  }
}

async function startShards(settings: TgiSettings, ctx: FaceContext, log: TgiLog): Promise<TgiMemory> {
  const ranks = settings.shards.map((_gpu, rank) => rank);
  for (const rank of ranks) log.info(LAUNCHER, "Starting shard", { name: "shard-manager", fields: `rank=${rank}` });
  if (settings.shards.length < settings.numShard)
    throw shardFailure(`RuntimeError: CUDA error: invalid device ordinal`, settings.shards.length);
  if (settings.arch.numAttentionHeads % settings.numShard !== 0) {
    throw shardFailure(
      `AssertionError: \`num_heads\` must be divisible by \`num_shards\` (got \`num_heads\`: ${settings.arch.numAttentionHeads} and \`num_shards\`: ${settings.numShard}`,
      0,
    );
  }
  const checkpoint = settings.arch.quantization?.method;
  if (
    settings.quantize &&
    ["gptq", "awq", "marlin", "exl2"].includes(settings.quantize) &&
    checkpoint !== settings.quantize &&
    !(checkpoint === "gptq" && settings.quantize === "marlin")
  ) {
    throw shardFailure(`RuntimeError: weight model.layers.0.self_attn.q_proj.qweight does not exist`, 0);
  }
  await sleep(ctx.loadMs * 0.6);
  for (const rank of ranks)
    log.info(LAUNCHER, `Shard ready in ${((ctx.loadMs * 0.6) / 1000).toFixed(6)}s`, {
      name: "shard-manager",
      fields: `rank=${rank}`,
    });
  log.info(LAUNCHER, "Starting Webserver");
  log.info(ROUTER_V3, "backends/v3/src/lib.rs:125: Warming up model");
  await sleep(ctx.loadMs * 0.3);
  let memory: TgiMemory;
  try {
    memory = sizeTgiMemory(settings, othersOnGpu(ctx));
  } catch (error) {
    if (error instanceof EngineFailure) throw webserverFailure(error.lines);
    throw error;
  }
  log.info(LAUNCHER, `KV-cache blocks: ${memory.numBlocks}, size: ${settings.blockSize}`);
  if (settings.cudaGraphs.length > 0)
    log.info(LAUNCHER, `Cuda Graphs are enabled for sizes [${[...settings.cudaGraphs].reverse().join(", ")}]`);
  return memory;
}

const shardFailure = (lines: string, rank: number) =>
  new EngineFailure(
    `ERROR shard-manager: ${LAUNCHER}: Shard complete standard error output:\n\n${lines} rank=${rank}\nERROR ${LAUNCHER}: Shard ${rank} failed to start\nError: ShardCannotStart`,
  );
const webserverFailure = (lines: string) =>
  new EngineFailure(`ERROR ${LAUNCHER}: ${lines}\nERROR ${LAUNCHER}: Webserver Crashed\nError: WebserverFailed`);

async function startRouter(settings: TgiSettings, memory: TgiMemory, ctx: FaceContext, log: TgiLog): Promise<number> {
  const maxBatchTotal = memory.maxSupportedTotalTokens;
  if (settings.maxBatchTotalTokens !== undefined) {
    log.warn(
      ROUTER_V3,
      "backends/v3/src/lib.rs:97: `--max-batch-total-tokens` is deprecated for Flash Attention models.",
    );
    log.warn(ROUTER_V3, `backends/v3/src/lib.rs:101: Inferred max batch total tokens: ${maxBatchTotal}`);
  }
  if (settings.maxTotalTokens !== undefined && settings.maxTotalTokens > maxBatchTotal)
    throw webserverFailure(`Not enough memory to handle \`max_total_tokens=${settings.maxTotalTokens}\``);
  log.info(ROUTER_V3, `backends/v3/src/lib.rs:137: Setting max batch total tokens to ${maxBatchTotal}`);
  log.info(ROUTER_V3, "backends/v3/src/lib.rs:166: Using backend V3");
  const maxTotalTokens = settings.maxTotalTokens ?? Math.min(maxBatchTotal, settings.arch.maxPositionEmbeddings);
  const maxInputTokens = settings.maxInputTokens ?? maxTotalTokens - 1;
  if (settings.maxInputTokens === undefined)
    log.info(ROUTER, `backends/v3/src/main.rs:162: Maximum input tokens defaulted to ${maxInputTokens}`);
  if (settings.maxTotalTokens === undefined)
    log.info(ROUTER, `backends/v3/src/main.rs:168: Maximum total tokens defaulted to ${maxTotalTokens}`);
  if (maxInputTokens >= maxTotalTokens)
    throw webserverFailure('ArgumentValidation("`max_input_tokens` must be < `max_total_tokens`")');
  if (settings.maxBatchPrefillTokens > maxBatchTotal)
    throw webserverFailure(
      `ArgumentValidation("\`max_batch_prefill_tokens\` must be <= \`max_batch_total_tokens\`. Given: ${settings.maxBatchPrefillTokens} and ${maxBatchTotal}")`,
    );
  const gpu = settings.shards[0]!;
  const timing = buildTimingModel({
    arch: settings.arch,
    gpu,
    tp: settings.numShard,
    pp: 1,
    ...(settings.quantize ? { quantization: settings.quantize } : {}),
    kvDtypeBytes: settings.kvDtypeBytes,
    eager: settings.cudaGraphs.length === 0,
    extraOverheadSeconds: 0.0005,
  });
  const core = new EngineCore(
    new TgiScheduler(Math.floor(maxBatchTotal / settings.blockSize) * settings.blockSize, 1, {
      maxNumSeqs: settings.maxBatchSize ?? Number.MAX_SAFE_INTEGER,
      tokenBudget: settings.maxBatchPrefillTokens,
    }),
    timing,
  );
  const runner = new RealTimeRunner(core);
  const metrics = new TgiMetrics(core, { maxInputTokens, maxTotalTokens, maxBatchTotalTokens: maxBatchTotal });
  const server = serve(
    tgiRoutes(settings, { maxInputTokens, maxTotalTokens }, runner, metrics),
    tgiNotFound,
    (res, message) => {
      res.writeHead(422, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: message, error_type: "validation" }));
    },
  );
  await listen(server, settings.port, settings.hostname);
  memory.shards.forEach((shard, rank) => {
    log.info(
      "fleetdeck_sim",
      `shard ${rank}: GPU ${shard.gpu.index} (${shard.gpu.uuid}, ${shard.gpu.spec.name}) holds ${(shard.usedBytes / 2 ** 30).toFixed(2)} GiB of ${(shard.gpu.spec.memoryBytes / 2 ** 30).toFixed(2)} GiB`,
    );
  });
  log.info(`${ROUTER}::server`, "router/src/server.rs:2407: Connected");
  if (ctx.env.FLEETDECK_SIM_STATE_DIR) {
    new StatePublisher({
      dir: ctx.env.FLEETDECK_SIM_STATE_DIR,
      engine: "tgi",
      host: ctx.host.name,
      model: settings.modelId,
      processName: "/opt/conda/bin/python3.11",
      intervalMs: ctx.env.FLEETDECK_SIM_STATE_INTERVAL_MS ?? DEFAULT_STATE_INTERVAL_MS,
      holdings: memory.shards.map((shard) => ({
        gpu: shard.gpu,
        memoryUsedBytes: shard.usedBytes,
        busyMs: () => runner.busyMilliseconds,
      })),
    }).start();
  }
  return new Promise<number>(() => {});
}
