/** `estimate`: the memory budget of one vLLM or TGI instance on one GPU type, as a table or JSON. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { findGpu, findModel, resolveModelArch, searchModels, suggestGpus } from "../../lib/catalog";
import type { GpuSpec, ModelArch } from "../../lib/catalog/types";
import type { InstanceBudget } from "../../lib/budget/types";
import type { Finding } from "../../lib/vocabulary/finding";
import { checkInstance } from "../../lib/layout/check-layout";
import { instanceSchema, type Instance } from "../../lib/vocabulary/layout-schema";

const OPTIONS = {
  engine: { type: "string" },
  model: { type: "string" },
  config: { type: "string" },
  gpu: { type: "string" },
  "gpu-memory-bytes": { type: "string" },
  tp: { type: "string" },
  "num-shard": { type: "string" },
  "gpu-memory-utilization": { type: "string" },
  "max-model-len": { type: "string" },
  dtype: { type: "string" },
  quantization: { type: "string" },
  "kv-cache-dtype": { type: "string" },
  "max-num-seqs": { type: "string" },
  "max-num-batched-tokens": { type: "string" },
  "enforce-eager": { type: "boolean" },
  "vllm-version": { type: "string" },
  "tgi-version": { type: "string" },
  "cuda-memory-fraction": { type: "string" },
  "max-input-tokens": { type: "string" },
  "max-total-tokens": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const count = z.coerce.number().int().positive();
const fraction = z.coerce.number().gt(0).max(1);
const version = z.string().regex(/^v?\d+\.\d+(\.\d+)?/, "use a release number such as 0.11.0");
const optionsSchema = z.object({
  engine: z.enum(["vllm", "tgi"]).default("vllm"),
  model: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  gpu: z.string().min(1).optional(),
  "gpu-memory-bytes": count.optional(),
  tp: z.coerce.number().int().min(1).max(64).optional(),
  "num-shard": z.coerce.number().int().min(1).max(64).optional(),
  "gpu-memory-utilization": fraction.optional(),
  "max-model-len": count.optional(),
  dtype: z.enum(["auto", "bfloat16", "float16", "half", "float32"]).optional(),
  quantization: z.string().min(1).optional(),
  "kv-cache-dtype": z.enum(["auto", "fp8", "fp8_e4m3", "fp8_e5m2", "fp8_e4m3fn"]).optional(),
  "max-num-seqs": count.optional(),
  "max-num-batched-tokens": count.optional(),
  "enforce-eager": z.boolean().optional(),
  "vllm-version": version.optional(),
  "tgi-version": version.optional(),
  "cuda-memory-fraction": fraction.optional(),
  "max-input-tokens": count.optional(),
  "max-total-tokens": count.optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});
type Options = z.infer<typeof optionsSchema>;

const USAGE = `usage: npm run --silent cli -- estimate --model <catalog id> | --config <config.json> --gpu <name> | --gpu-memory-bytes <n> [options]
  --engine vllm|tgi  --tp <n> (TGI: --num-shard)  --gpu-memory-utilization <0–1>  --max-model-len <n>
  --dtype  --quantization  --kv-cache-dtype  --max-num-seqs  --max-num-batched-tokens  --enforce-eager
  --vllm-version <x.y.z>  --tgi-version <x.y.z>  --cuda-memory-fraction  --max-input-tokens  --max-total-tokens  --json`;

class UsageError extends Error {}

export async function run(args: string[]): Promise<number> {
  try {
    const options = parseOptions(args);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const arch = loadModel(options);
    const gpu = loadGpu(options);
    const instance = buildInstance(options, arch);
    const { budget, findings } = checkInstance(instance, gpu, { model: arch });
    console.log(
      options.json ? JSON.stringify(toJson(budget, findings), null, 2) : renderTable(budget, findings, arch, gpu),
    );
    return findings.some((f) => f.severity === "error") ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`estimate: ${error.message}`);
    return 2;
  }
}

function parseOptions(args: string[]): Options {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new UsageError(
      `--${name} ${JSON.stringify(values[name])} is not valid: ${issue.message}. Fix: ${fixFor(name)}`,
    );
  }
  if (!parsed.data.model && !parsed.data.config && !parsed.data.help)
    throw new UsageError(
      `give --model <catalog id> (e.g. Qwen/Qwen2.5-7B-Instruct) or --config <path to config.json>.\n${USAGE}`,
    );
  if (!parsed.data.gpu && !parsed.data["gpu-memory-bytes"] && !parsed.data.help)
    throw new UsageError(`give --gpu <catalog name> (e.g. "RTX 4090D") or --gpu-memory-bytes <n>.`);
  return parsed.data;
}

function fixFor(option: string): string {
  if (option.includes("fraction") || option.includes("utilization"))
    return "use a number above 0 and at most 1, e.g. 0.9.";
  if (option.includes("version")) return "use a release number such as 0.11.0.";
  if (option === "engine") return "use vllm or tgi.";
  if (option === "dtype") return "use auto, bfloat16, float16, half or float32.";
  if (option === "kv-cache-dtype") return "use auto, fp8, fp8_e4m3 or fp8_e5m2.";
  return "use a positive whole number.";
}

function loadModel(options: Options): ModelArch {
  if (options.config) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(options.config, "utf8"));
    } catch (error) {
      throw new UsageError(
        `--config ${JSON.stringify(options.config)} could not be read as JSON (${error instanceof Error ? error.message : error}). Fix: give the path of the model's config.json.`,
      );
    }
    const resolved = resolveModelArch(options.model ?? "custom-model", json as Record<string, unknown>);
    if ("error" in resolved) throw new UsageError(`--config ${JSON.stringify(options.config)}: ${resolved.error}`);
    return resolved.arch;
  }
  const entry = findModel(options.model!);
  if (entry) return entry;
  const close = searchModels(options.model!, 5).map((m) => m.id);
  throw new UsageError(
    `--model ${JSON.stringify(options.model)} is not in the catalog.${close.length ? ` Close names: ${close.join(", ")}.` : ""} Fix: use a catalog id, or --config <path to config.json>.`,
  );
}

function loadGpu(options: Options): GpuSpec | number {
  if (options["gpu-memory-bytes"]) return options["gpu-memory-bytes"];
  const gpu = findGpu(options.gpu!);
  if (gpu) return gpu;
  throw new UsageError(
    `--gpu ${JSON.stringify(options.gpu)} is not in the catalog. Close names: ${suggestGpus(options.gpu!, 5).join(", ")}. Fix: use one of them, or --gpu-memory-bytes <n>.`,
  );
}

function buildInstance(o: Options, arch: ModelArch): Instance {
  const tgi = o.engine === "tgi";
  const parsed = instanceSchema.safeParse({
    id: "estimate",
    engine: o.engine,
    model: arch.id,
    tp: (tgi ? o["num-shard"] : undefined) ?? o.tp ?? 1,
    engineVersion: (tgi ? o["tgi-version"] : o["vllm-version"])?.replace(/^v/, ""),
    gpuMemoryUtilization: o["gpu-memory-utilization"],
    maxModelLen: o["max-model-len"],
    dtype: o.dtype === "half" ? "float16" : o.dtype,
    quantization: o.quantization,
    kvCacheDtype: o["kv-cache-dtype"],
    maxNumSeqs: o["max-num-seqs"],
    maxNumBatchedTokens: o["max-num-batched-tokens"],
    enforceEager: o["enforce-eager"],
    tgi: tgi
      ? {
          cudaMemoryFraction: o["cuda-memory-fraction"] ?? 1,
          maxInputTokens: o["max-input-tokens"],
          maxTotalTokens: o["max-total-tokens"],
        }
      : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${issue.path.join(".")}: ${issue.message}.`);
  }
  return parsed.data;
}

const brief = (f: Finding) => ({ code: f.code, message: f.message, fix: f.fix });

function toJson(b: InstanceBudget, findings: Finding[]) {
  return {
    engine: b.engine,
    gpuMemoryBytes: b.gpuMemoryBytes,
    budgetBytesPerGpu: b.budgetBytesPerGpu,
    projectedUsedBytesPerGpu: b.projectedUsedBytesPerGpu,
    weightsBytesPerGpu: b.weightsBytesPerGpu,
    activationBytes: b.activationBytes,
    nonTorchBytes: b.nonTorchBytes,
    cudaGraphBytes: b.cudaGraphBytes,
    kvCacheBytesPerGpu: b.kvCacheBytesPerGpu,
    kvBytesPerTokenPerGpu: b.kvBytesPerTokenPerGpu,
    kvCacheTokens: b.kvCacheTokens,
    maxModelLen: b.maxModelLen,
    maxConcurrency: b.maxConcurrency,
    fits: b.fits,
    maxModelLenThatFits: b.maxModelLenThatFits,
    availableKvBytesPerGpu: b.availableKvBytesPerGpu,
    settings: b.settings,
    host: b.host,
    terms: b.terms,
    errors: findings.filter((f) => f.severity === "error").map(brief),
    warnings: findings.filter((f) => f.severity === "warning").map(brief),
  };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

function renderTable(b: InstanceBudget, findings: Finding[], arch: ModelArch, gpu: GpuSpec | number): string {
  const gpuName = typeof gpu === "number" ? `${gib(gpu)} GPU` : gpu.name;
  const s = b.settings;
  const lines = [
    `${arch.id} on ${gpuName} — ${b.engine}${s ? ` (${s.profile}), TP ${s.tp}, ${s.weightFormat}` : ""}`,
    "",
    ...b.terms.map((t) => `  ${t.name.padEnd(11)} ${gib(t.bytes).padStart(11)}  ${t.explanation}`),
    "",
    `  budget per GPU ${gib(b.budgetBytesPerGpu)}; the card will hold ${gib(b.projectedUsedBytesPerGpu)} of ${gib(b.gpuMemoryBytes)}`,
    `  KV cache ${b.kvCacheTokens.toLocaleString("en-US")} tokens (${b.kvBytesPerTokenPerGpu.toLocaleString("en-US")} B/token/GPU); max_model_len ${b.maxModelLen.toLocaleString("en-US")}; max concurrency ${b.maxConcurrency.toFixed(2)}x`,
    `  fits: ${b.fits ? "yes" : "NO"}${b.fits ? "" : `; longest max_model_len that fits: ${b.maxModelLenThatFits.toLocaleString("en-US")}`}`,
    `  host: ${gib(b.host.ramBytes)} RAM, ${gib(b.host.shmBytes)} /dev/shm, ${b.host.cpus} CPU cores`,
  ];
  for (const f of findings) lines.push("", `${f.severity.toUpperCase()} ${f.code}: ${f.message}`, `  fix: ${f.fix}`);
  return lines.join("\n");
}
