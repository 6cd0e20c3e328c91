/** Weight quantization as a checkpoint's `quantization_config` declares it. */
export type QuantMethod =
  | "gptq"
  | "awq"
  | "fp8"
  | "compressed-tensors"
  | "bitsandbytes"
  | "marlin"
  | "eetq"
  | "exl2"
  | "mxfp4"
  | "gguf";

export interface QuantizationConfig {
  method: QuantMethod;
  /** Bits per quantized weight (4, 8). fp8 is 8. */
  bits: number;
  /** Weights per scale group; -1 or undefined means per channel. */
  groupSize?: number;
  /** Module name fragments that stay in 16 bit (e.g. "lm_head"). */
  modulesNotConverted?: string[];
  /** GPTQ act-order (`desc_act`). */
  descAct?: boolean;
  /** Bits of activations when they are quantized too (w8a8: 8); absent = 16-bit activations. */
  activationBits?: number;
  /** fp8 block-wise scales (`weight_block_size`, e.g. [128, 128] for DeepSeek-V3, Qwen3-FP8). */
  weightBlockSize?: number[];
  /** `quant_method` exactly as the config spells it when it differs from `method` (e.g. "fbgemm_fp8"). */
  sourceMethod?: string;
  /** A GGUF file's quantization type as llama.cpp names it ("Q4_K_M", "Q8_0"). */
  ggufType?: string;
}

export interface RopeScaling {
  type: string; // "yarn", "linear", "dynamic", "llama3", ...
  factor: number;
  originalMaxPositionEmbeddings?: number;
}

export interface MoeConfig {
  numExperts: number;
  expertsPerToken: number;
  sharedExperts: number;
  moeIntermediateSize: number;
  /** Layers that are dense (e.g. DeepSeek's first_k_dense_replace). */
  firstDenseLayers?: number;
  /** Width of the shared expert(s) MLP in total, when the config gives it apart (Qwen2-MoE). */
  sharedExpertIntermediateSize?: number;
}

export interface MlaConfig {
  kvLoraRank: number;
  qkRopeHeadDim: number;
  qkNopeHeadDim?: number;
  vHeadDim?: number;
  qLoraRank?: number | null;
}

export type TorchDtype = "bfloat16" | "float16" | "float32" | "float8_e4m3fn";

/** A model architecture, normalized from a Hugging Face config.json. */
export interface ModelArch {
  /** Hugging Face repo id, e.g. "Qwen/Qwen2.5-7B-Instruct". */
  id: string;
  /** config.json `architectures[0]`, e.g. "Qwen2ForCausalLM". */
  architecture: string;
  modelType: string;
  numLayers: number;
  hiddenSize: number;
  numAttentionHeads: number;
  numKeyValueHeads: number;
  /** Per-head size of queries and keys; for MLA models qk_nope_head_dim + qk_rope_head_dim (KV size: see `mla`). */
  headDim: number;
  intermediateSize: number;
  vocabSize: number;
  tieWordEmbeddings: boolean;
  maxPositionEmbeddings: number;
  ropeScaling?: RopeScaling;
  torchDtype: TorchDtype;
  slidingWindow?: number;
  /** Layers using sliding-window attention when the model mixes them (Gemma 2/3). */
  slidingWindowLayers?: number;
  moe?: MoeConfig;
  mla?: MlaConfig;
  quantization?: QuantizationConfig;
  /** A vision (or audio) encoder sits beside the language model; its profiling with dummy images is not modelled. */
  multimodal?: boolean;
  /** The vision tower beside the language model, from config.json's vision_config (lib/catalog/vision-tower.ts). */
  vision?: VisionTower;
}

/** A multimodal model's vision encoder: its weights and what one image costs it. */
export interface VisionTower {
  /** Parameters of the tower and its projector. */
  params: number;
  hiddenSize: number;
  intermediateSize: number;
  /** A gated (SwiGLU) MLP: three intermediate-wide tensors per patch at the MLP's peak instead of two. */
  gatedMlp: boolean;
  /** Patches the tower runs per image at the largest size the processor makes; absent when the config cannot say. */
  patchesPerItem?: number;
  /** Tokens one image becomes in the language model's input (for a cross-attention model, its encoder states). */
  tokensPerItem?: number;
  /** Hidden states per patch the tower keeps until its end (Mllama's intermediate layers). */
  keptHiddenStates: number;
  /** Images feed cross-attention layers instead of the decoder's input (Mllama): V0 profiles one per sequence. */
  crossAttention: boolean;
  /** Rotary position embeddings inside the tower's attention (the Qwen VL family), applied to q and k in float32. */
  rotaryAttention: boolean;
  /** Pixel values the processor hands over per patch (channels × temporal patch × patch²), float32. */
  pixelValuesPerPatch: number;
  /**
   * A tower vLLM runs with whole attention on every rank when its heads do not divide by TP (InternViT's
   * InternSdpaAttention fallback): the heads, the attention's parameters, and whether q and k are normalized.
   */
  wholeAttentionUnlessDivisible?: { heads: number; params: number; qkNorm: boolean };
}

/** A catalog entry: the architecture plus facts about its published checkpoint. */
export interface ModelEntry extends ModelArch {
  displayName: string;
  /** Total parameters, counted from tensor shapes where known. */
  paramCount?: number;
  /** `metadata.total_size` of model.safetensors.index.json (bytes on disk). */
  checkpointBytes?: number;
  /** Where the numbers come from (URL of config.json / index). */
  source: string;
}

export interface GpuSpec {
  id: string;
  name: string;
  /** Total memory as nvidia-smi reports it (MiB × 2^20). */
  memoryBytes: number;
  bandwidthBytesPerSecond: number;
  bf16: boolean;
  fp8: boolean;
  interconnect: "nvlink" | "pcie";
  /** Alternate spellings people type or drivers print. */
  aliases: string[];
  /** CUDA compute capability, e.g. 8.9 (fp8 kernels need ≥ 8.9, bf16 ≥ 8.0). */
  computeCapability?: number;
  /** The name nvidia-smi prints, e.g. "NVIDIA H100 80GB HBM3". */
  smiName?: string;
  /**
   * Total memory as CUDA reports it (`torch.cuda.mem_get_info()[1]`, vLLM's `total_gpu_memory`), which the engines
   * size themselves from: nvidia-smi's total less what the driver keeps. Absent = not measured (see cudaTotalBytes()).
   */
  cudaTotalBytes?: number;
  /** Peer-to-peer access between two such cards over PCIe; GeForce cards since the 40 series have none. Default true. */
  peerToPeer?: boolean;
  /** The AMD ISA ROCm builds for (e.g. "gfx942" for MI300X); absent on NVIDIA cards. */
  rocmArch?: string;
}
