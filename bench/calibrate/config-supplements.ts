/**
 * Where a corpus case's abridged config.json cannot be read as it stands, the fields it lacks, each from the model's
 * public config.json. Reported to the corpus stream so the cases can carry them; nothing here touches a KV figure.
 */
type Config = Record<string, unknown>;

const MISTRAL_7B_V01 = { max_position_embeddings: 32_768 }; // mistralai/Mistral-7B-v0.1 config.json
const SUPPLEMENTS: Record<string, Config> = {
  "tgi-2.0.0-mistral7b-a100-80gb-len8512": MISTRAL_7B_V01,
  "vllm-0.4.1-zephyr-7b-beta-awq-a6000": MISTRAL_7B_V01, // HuggingFaceH4/zephyr-7b-beta is Mistral-7B-v0.1
  "tgi-1.4-gemma-2b-it-l4-gke": { max_position_embeddings: 8192 }, // google/gemma-2b-it config.json
  // The case takes Qwen2.5-32B's shape from lib/catalog/models/qwen25.ts, which holds 32,768.
  "vllm-0.8.5-qwq-32b-bnb4bit-rtx5090x2-pp2-len60000-nofit": { max_position_embeddings: 32_768 },
};

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
  return { ...config, ...layerTypes(config), ...SUPPLEMENTS[caseId] };
}
