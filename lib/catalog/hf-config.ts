import { hfConfigSchema, type HfRopeScaling, type HfTextConfig } from "./hf-config-schema";
import { parseQuantizationConfig } from "./hf-quantization";
import type { MlaConfig, ModelArch, MoeConfig, RopeScaling, TorchDtype } from "./types";
import { visionTower } from "./vision-tower";

export type ParseHfConfigResult = { arch: ModelArch; warnings: string[] } | { error: string };

/** Defaults the transformers config classes apply when a config.json leaves a field out. */
const GEMMA3_TEXT_DEFAULTS = { vocab_size: 262_208, max_position_embeddings: 131_072, sliding_window_pattern: 6 };

const DTYPES: Record<string, TorchDtype> = {
  bfloat16: "bfloat16",
  bf16: "bfloat16",
  float16: "float16",
  fp16: "float16",
  half: "float16",
  float32: "float32",
  fp32: "float32",
  float: "float32",
  float8_e4m3fn: "float8_e4m3fn",
};

/**
 * Normalizes a Hugging Face `config.json` (as parsed JSON) into a ModelArch. Multimodal configs
 * (Gemma 3, Llama 4, Qwen2.5-VL) keep the language model under `text_config` (InternVL: `llm_config`, DeepSeek-VL2:
 * `language_config`): its fields win, top-level fields fill the gaps (Gemma 3 puts `torch_dtype` and
 * `quantization_config` there).
 */
export function parseHfConfig(json: unknown, id: string): ParseHfConfigResult {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return {
      error: `the config.json of ${id} is ${describe(json)}: paste the JSON object from the model's config.json`,
    };
  }
  const parsed = hfConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    const value = issue ? valueAt(json, issue.path) : undefined;
    return {
      error: `${path} is ${describe(value)} in the config.json of ${id}: expected ${expectation(issue?.message)}`,
    };
  }
  const { text_config, llm_config, language_config, ...top } = parsed.data;
  const textConfig = text_config ?? llm_config ?? language_config;
  const config: HfTextConfig = { ...top, ...(textConfig ?? {}) };
  if (config.model_type === "gemma3_text" || (config.model_type === undefined && top.model_type === "gemma3")) {
    config.vocab_size ??= GEMMA3_TEXT_DEFAULTS.vocab_size;
    config.max_position_embeddings ??= GEMMA3_TEXT_DEFAULTS.max_position_embeddings;
    if (!config.sliding_window_pattern && !config._sliding_window_pattern && !config.layer_types) {
      config.sliding_window_pattern = GEMMA3_TEXT_DEFAULTS.sliding_window_pattern;
    }
  }
  fillFromOlderNames(config);
  const parsedArch = normalize(config, top.model_type, id);
  if ("error" in parsedArch || !isMultimodal(top.model_type, parsedArch.arch.architecture, textConfig !== undefined))
    return parsedArch;
  const vision = visionTower(
    (json as Record<string, unknown>).vision_config,
    json as Record<string, unknown>,
    parsedArch.arch.hiddenSize,
  );
  return { ...parsedArch, arch: { ...parsedArch.arch, multimodal: true, ...(vision ? { vision } : {}) } };
}

/**
 * The names older architectures give the same fields (OPT's ffn_dim; GPT-2, GPT-BigCode and StarCoder's n_embd,
 * n_layer, n_head, n_inner, n_positions, multi_query; Falcon's num_kv_heads), read as the modern ones when those are
 * absent. GPT-2 style configs leave n_inner null for the default 4 × hidden.
 */
const OLDER_NAMES = {
  hidden_size: ["n_embd", "d_model"],
  num_hidden_layers: ["n_layer"],
  num_attention_heads: ["n_head"],
  intermediate_size: ["ffn_dim", "n_inner"],
  max_position_embeddings: ["n_positions"],
} as const;

function fillFromOlderNames(config: HfTextConfig): void {
  const raw = config as Record<string, unknown>;
  for (const [field, names] of Object.entries(OLDER_NAMES) as [keyof typeof OLDER_NAMES, readonly string[]][]) {
    if (config[field] !== undefined) continue;
    const value = names.map((n) => raw[n]).find((v) => typeof v === "number" && Number.isInteger(v) && v > 0);
    if (value !== undefined) config[field] = value as number;
  }
  if (config.intermediate_size === undefined && "n_inner" in raw && raw.n_inner === null && config.hidden_size)
    config.intermediate_size = 4 * config.hidden_size;
  // GPT-BigCode's multi_query (one K/V head for all); Falcon's num_kv_heads / n_head_kv.
  if (config.num_key_value_heads === undefined || config.num_key_value_heads === null) {
    const kv = [raw.num_kv_heads, raw.n_head_kv].find((v) => typeof v === "number" && Number.isInteger(v) && v > 0);
    if (kv !== undefined) config.num_key_value_heads = kv as number;
    else if (raw.multi_query === true) config.num_key_value_heads = 1;
  }
}

/** Configs with a text_config, or architectures that take images (Qwen2.5-VL, Llama-3.2-Vision, Gemma 3, Mistral 3). */
function isMultimodal(modelType: string | undefined, architecture: string, hasTextConfig: boolean): boolean {
  if (hasTextConfig) return true;
  return (
    /ForConditionalGeneration$|VL|Vision|Mllama|Llava/i.test(architecture) ||
    /(^|_)vl$|mllama|llava|pixtral|mistral3|^gemma3$/.test(modelType ?? "")
  );
}

function normalize(config: HfTextConfig, outerModelType: string | undefined, id: string): ParseHfConfigResult {
  const warnings: string[] = [];
  const missing = requireFields(config, id);
  if (missing) return { error: missing };
  const numLayers = config.num_hidden_layers!;
  const hiddenSize = config.hidden_size!;
  const heads = config.num_attention_heads!;
  const kvHeads = config.num_key_value_heads ?? heads;
  if (heads % kvHeads !== 0) {
    return {
      error: `num_key_value_heads is ${kvHeads} in the config.json of ${id}: expected a divisor of num_attention_heads (${heads})`,
    };
  }
  const mla = readMla(config);
  const headDim = mla ? mla.qkRopeHeadDim + (mla.qkNopeHeadDim ?? 0) : (config.head_dim ?? hiddenSize / heads);
  if (!Number.isInteger(headDim)) {
    return {
      error: `hidden_size ${hiddenSize} is not a multiple of num_attention_heads ${heads} in the config.json of ${id} and head_dim is missing: add "head_dim"`,
    };
  }
  const quant = parseQuantizationConfig(config.quantization_config);
  if ("error" in quant) return { error: `${quant.error} (${id})` };
  const modelType = config.model_type ?? outerModelType ?? "unknown";
  const architecture = config.architectures?.[0] ?? modelType;
  const dtypeName = config.torch_dtype ?? config.dtype ?? undefined;
  const torchDtype = dtypeName ? DTYPES[dtypeName.toLowerCase()] : "bfloat16";
  if (!torchDtype) {
    return {
      error: `torch_dtype is "${dtypeName}" in the config.json of ${id}: expected bfloat16, float16 or float32`,
    };
  }
  if (!dtypeName) warnings.push(`${id}: config.json has no torch_dtype; assuming bfloat16`);
  if (config.max_position_embeddings === undefined)
    warnings.push(
      `${id}: config.json has no max_position_embeddings; assuming vLLM's fallback of ${VLLM_DEFAULT_MAX_LEN} tokens (set --max-model-len)`,
    );
  const ropeScaling = readRopeScaling(
    config.rope_scaling ?? config.rope_parameters ?? undefined,
    config.max_position_embeddings,
  );
  const sliding = readSlidingWindow(config, numLayers);
  const moe = readMoe(config);
  const arch: ModelArch = {
    id,
    architecture,
    modelType,
    numLayers,
    hiddenSize,
    numAttentionHeads: heads,
    numKeyValueHeads: kvHeads,
    headDim,
    intermediateSize: config.intermediate_size!,
    vocabSize: config.vocab_size!,
    tieWordEmbeddings: config.tie_word_embeddings ?? modelType.startsWith("gemma"),
    maxPositionEmbeddings: config.max_position_embeddings ?? VLLM_DEFAULT_MAX_LEN,
    torchDtype,
    ...(ropeScaling ? { ropeScaling } : {}),
    ...sliding,
    ...(moe ? { moe } : {}),
    ...(mla ? { mla } : {}),
    ...(quant.quantization ? { quantization: quant.quantization } : {}),
  };
  return { arch, warnings };
}

const REQUIRED = [
  "num_hidden_layers",
  "hidden_size",
  "num_attention_heads",
  "intermediate_size",
  "vocab_size",
] as const;

/** vLLM's `_get_and_verify_max_len` falls back to 2,048 tokens (with a warning) when config.json names no length. */
const VLLM_DEFAULT_MAX_LEN = 2048;

function requireFields(config: HfTextConfig, id: string): string | undefined {
  const absent = REQUIRED.filter((field) => config[field] === undefined);
  if (absent.length === 0) return undefined;
  const looksLikeGeneration = "temperature" in config || "do_sample" in config || "top_p" in config;
  const hint = looksLikeGeneration
    ? "this looks like generation_config.json: paste the model's config.json instead"
    : "a decoder config.json has it; paste the model's config.json, not generation_config.json or tokenizer_config.json";
  const list = absent.join(", ");
  return `${list} ${absent.length === 1 ? "is" : "are"} missing in the config.json of ${id}: ${hint}`;
}

function readRopeScaling(raw: HfRopeScaling | undefined, maxPositions: number | undefined): RopeScaling | undefined {
  if (!raw) return undefined;
  const type = raw.rope_type ?? raw.type;
  if (!type || type === "default") return undefined;
  const original = raw.original_max_position_embeddings;
  // longrope (Phi-3 128k) has per-dimension factor lists instead of one factor.
  const factor = raw.factor ?? (original && maxPositions ? maxPositions / original : 1);
  return { type, factor, ...(original ? { originalMaxPositionEmbeddings: original } : {}) };
}

function readSlidingWindow(
  config: HfTextConfig,
  numLayers: number,
): Pick<ModelArch, "slidingWindow" | "slidingWindowLayers"> {
  const window = config.sliding_window ?? undefined;
  if (!window || config.use_sliding_window === false) return {};
  const layerTypes = config.layer_types ?? undefined;
  const pattern = config.sliding_window_pattern ?? config._sliding_window_pattern ?? undefined;
  let layers = numLayers;
  if (layerTypes) layers = layerTypes.filter((t) => t === "sliding_attention").length;
  else if (pattern) layers = numLayers - Math.floor(numLayers / pattern);
  else if (config.model_type === "gemma2")
    layers = Math.ceil(numLayers / 2); // even layers slide
  else if (config.use_sliding_window && config.max_window_layers !== undefined) {
    layers = Math.max(0, numLayers - config.max_window_layers);
  }
  return { slidingWindow: window, slidingWindowLayers: layers };
}

function readMoe(config: HfTextConfig): MoeConfig | undefined {
  const numExperts = config.num_experts ?? config.num_local_experts ?? config.n_routed_experts ?? 0;
  if (numExperts <= 1) return undefined;
  const sharedWidth = config.shared_expert_intermediate_size ?? 0;
  const sharedExperts = config.n_shared_experts ?? (sharedWidth > 0 ? 1 : 0);
  return {
    numExperts,
    expertsPerToken: config.num_experts_per_tok ?? 1,
    sharedExperts,
    moeIntermediateSize: config.moe_intermediate_size ?? config.intermediate_size!,
    ...(config.first_k_dense_replace ? { firstDenseLayers: config.first_k_dense_replace } : {}),
    ...(sharedWidth > 0 ? { sharedExpertIntermediateSize: sharedWidth } : {}),
  };
}

function readMla(config: HfTextConfig): MlaConfig | undefined {
  if (!config.kv_lora_rank || !config.qk_rope_head_dim) return undefined;
  return {
    kvLoraRank: config.kv_lora_rank,
    qkRopeHeadDim: config.qk_rope_head_dim,
    ...(config.qk_nope_head_dim ? { qkNopeHeadDim: config.qk_nope_head_dim } : {}),
    ...(config.v_head_dim ? { vHeadDim: config.v_head_dim } : {}),
    qLoraRank: config.q_lora_rank ?? null,
  };
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "object") return "an object";
  return String(value);
}

function expectation(message: string | undefined): string {
  if (!message) return "a valid value";
  if (/expected int/i.test(message) || /integer/i.test(message)) return "a whole number";
  if (/too small|>0|greater than/i.test(message)) return "a positive number";
  const typed = /expected (\w+), received (\w+)/.exec(message);
  if (typed) return `a ${typed[1]}, not a ${typed[2]}`;
  return message.replace(/^Invalid input: /, "").replace(/^expected /, "");
}
