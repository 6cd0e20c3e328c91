/** Buckets a case falls in, for the coverage tables. Read from the recorded settings, model id and config only. */
import type { CalibrationCase } from "./schema";

export function versionRange(c: CalibrationCase): string {
  const match = c.engineVersion?.match(/(\d+)\.(\d+)/);
  if (!match) return `${c.engine} unknown`;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (c.engine === "tgi") return `TGI ${major}.x`;
  if (major > 0) return `vLLM ${major}.x`;
  const ranges: [number, string][] = [
    [3, "0.2–0.3"],
    [5, "0.4–0.5"],
    [6, "0.6"],
    [8, "0.7–0.8"],
    [10, "0.9–0.10"],
    [13, "0.11–0.13"],
  ];
  const range = ranges.find(([upTo]) => minor <= upTo)?.[1] ?? "0.14+";
  return `vLLM ${range}`;
}

export function gpuClass(c: CalibrationCase): string {
  const name = c.gpu.name ?? "";
  if (name === "") return "unknown";
  if (/\b(RTX|GTX) ?\d{4}\b|\bTITAN\b|\bRadeon\b/i.test(name)) return "consumer";
  if (/\b(T4|L4|A10G?|A2|P100|V100)\b/i.test(name)) return "small datacenter (T4/L4/A10G/V100)";
  if (/\bMI\d+/i.test(name)) return "AMD Instinct";
  if (/\b(RTX )?A[456]000\b|RTX (PRO )?[456]000|\b6000 Ada\b/i.test(name)) return "workstation (RTX A/Ada/PRO)";
  return "datacenter";
}

const QUANT_PATTERNS: [RegExp, string][] = [
  [/gguf/i, "GGUF"],
  [/awq/i, "AWQ"],
  [/gptq|marlin/i, "GPTQ"],
  [/w8a8|compressed[-_]tensors|w4a16|int8|quantized\.w/i, "compressed-tensors / w8a8"],
  [/bitsandbytes|bnb|nf4/i, "bitsandbytes"],
  [/fp8|fbgemm/i, "FP8"],
  [/mxfp4|nvfp4/i, "FP4"],
  [/eetq|exl2|auto_round|autoround/i, "other int"],
];

/** The weight format: the engine's quantization flag, else what the model id or its quantization_config says. */
export function quantClass(c: CalibrationCase): string {
  const configMethod = (c.model.config?.quantization_config as { quant_method?: string } | undefined)?.quant_method;
  for (const hint of [c.settings.quantization, c.settings.quantize, configMethod, c.model.id]) {
    if (!hint) continue;
    const found = QUANT_PATTERNS.find(([pattern]) => pattern.test(hint));
    if (found) return found[1];
  }
  return "bf16 / fp16";
}

/** TGI shards over every visible GPU unless --num-shard says otherwise, so its GPU count stands in. */
export function parallelism(c: CalibrationCase): { tp: number; pp: number } {
  const tgiShards = c.engine === "tgi" ? (c.settings.numShard ?? c.gpu.count) : null;
  const tp = c.settings.tensorParallelSize ?? tgiShards ?? 1;
  return { tp, pp: c.settings.pipelineParallelSize ?? 1 };
}

const ID_FEATURES: [RegExp, string][] = [
  [/mixtral|moe|-a\d+b|deepseek-(v2|v3|r1)(?!-distill)|qwen3-(30b|235b)|dbrx|olmoe|kimi/i, "MoE"],
  [/deepseek-(v2|v3|r1)(?!-distill)|kimi-k2/i, "MLA"],
  [/-vl|vision|pixtral|llava|internvl|minicpm-v|gemma-3-(4|12|27)b|idefics|phi-3\.5-vision|molmo/i, "multimodal"],
];

export function features(c: CalibrationCase): string[] {
  const found = new Set<string>();
  for (const [pattern, feature] of ID_FEATURES) if (pattern.test(c.model.id)) found.add(feature);
  const config: Record<string, unknown> = c.model.config ?? {};
  if (["num_local_experts", "n_routed_experts", "num_experts"].some((key) => typeof config[key] === "number"))
    found.add("MoE");
  if (typeof config.kv_lora_rank === "number") found.add("MLA");
  if (c.settings.kvCacheDtype?.startsWith("fp8")) found.add("fp8 KV cache");
  if (c.settings.speculativeConfig) found.add("speculative decoding");
  if (parallelism(c).pp > 1) found.add("pipeline parallel");
  if (c.outcome !== "started") found.add(`start-up failed (${c.outcome})`);
  return [...found].sort();
}
