/**
 * Where a corpus case's abridged config.json cannot be read as it stands, the fields it lacks, each from the model's
 * public config.json. Reported to the corpus stream so the cases can carry them; nothing here touches a KV figure.
 */
import { INTERNVIT_6B_VISION, QWEN25_VL_VISION } from "../../lib/catalog/testing/vision-configs";
type Config = Record<string, unknown>;

const MISTRAL_7B_V01 = { max_position_embeddings: 32_768 }; // mistralai/Mistral-7B-v0.1 config.json
const SUPPLEMENTS: Record<string, Config> = {
  "tgi-2.0.0-mistral7b-a100-80gb-len8512": MISTRAL_7B_V01,
  "vllm-0.4.1-zephyr-7b-beta-awq-a6000": MISTRAL_7B_V01, // HuggingFaceH4/zephyr-7b-beta is Mistral-7B-v0.1
  "tgi-1.4-gemma-2b-it-l4-gke": { max_position_embeddings: 8192 }, // google/gemma-2b-it config.json
  // OpenGVLab/InternVL3-78B config.json: the tiling InternVLChatConfig reads (the case recorded the language model only)
  "vllm-0.6.6.post1-internvl3-78b-l40s-tp8-gmu0.92-len8192": {
    downsample_ratio: 0.5,
    dynamic_image_size: true,
    max_dynamic_patch: 12,
    use_thumbnail: true,
  },
  // The case takes Qwen2.5-32B's shape from lib/catalog/models/qwen25.ts, which holds 32,768.
  "vllm-0.8.5-qwq-32b-bnb4bit-rtx5090x2-pp2-len60000-nofit": { max_position_embeddings: 32_768 },
};

/** Fields inside text_config (multimodal configs), from the public config.json. */
const TEXT_SUPPLEMENTS: Record<string, Config> = {
  // mistralai/Mistral-Small-3.2-24B-Instruct-2506 config.json text_config.intermediate_size
  "vllm-0.11-mistral-small-3.2-24b-h100-gmu0.95-len16000-llmd": { intermediate_size: 32_768 },
};

/** Fields inside vision_config, from the public config.json of the checkpoint the case names. */
const VISION_SUPPLEMENTS: Record<string, Config> = {
  // Qwen/Qwen2.5-VL-7B-Instruct; the case's dump recorded only its width.
  "vllm-0.8-v0-qwen25-vl-7b-rtx3090-len8192-nofit": QWEN25_VL_VISION,
  "vllm-0.6.6.post1-internvl3-78b-l40s-tp8-gmu0.92-len8192": INTERNVIT_6B_VISION,
};

/** A compressed-tensors config the case describes in words ("fp8 per channel") as the config_groups it stands for. */
function compressedTensorsGroups(config: Config): Config {
  const q = config.quantization_config as Record<string, unknown> | undefined;
  if (q?.quant_method !== "compressed-tensors" || q.config_groups !== undefined) return {};
  const words = (key: string) => (typeof q[key] === "string" ? (q[key] as string) : "");
  const bits = (text: string) => (/fp8|int8|w8/i.test(text) ? 8 : /int4|w4|fp4/i.test(text) ? 4 : undefined);
  const weights = bits(words("weights"));
  if (weights === undefined) return {};
  const activations = bits(words("input_activations"));
  return {
    quantization_config: {
      ...q,
      config_groups: {
        group_0: {
          weights: { num_bits: weights, type: /fp8/i.test(words("weights")) ? "float" : "int" },
          ...(activations ? { input_activations: { num_bits: activations } } : {}),
        },
      },
    },
  };
}

/** "sliding_attention and full_attention alternating (layer 0 sliding)" → the list it describes. */
function layerTypes(config: Config): Config {
  const value = config.layer_types;
  const layers = config.num_hidden_layers;
  if (typeof value !== "string" || typeof layers !== "number" || !/alternating \(layer 0 sliding\)/.test(value))
    return {};
  return {
    layer_types: Array.from({ length: layers }, (_, i) => (i % 2 === 0 ? "sliding_attention" : "full_attention")),
  };
}

export function supplementConfig(caseId: string, config: Config): Config {
  const text = TEXT_SUPPLEMENTS[caseId];
  const textConfig = config.text_config as Config | undefined;
  const vision = VISION_SUPPLEMENTS[caseId];
  return {
    ...config,
    ...layerTypes(config),
    ...compressedTensorsGroups(config),
    ...SUPPLEMENTS[caseId],
    ...(text ? { ...text, ...(textConfig ? { text_config: { ...textConfig, ...text } } : {}) } : {}),
    ...(vision ? { vision_config: { ...(config.vision_config as Config | undefined), ...vision } } : {}),
  };
}
