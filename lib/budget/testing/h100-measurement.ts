import { QWEN25_7B } from "./model-fixtures";

/** The H100 measurement (calibration/h100-qwen2.5-7b-bf16.json): Hugging Face transformers, not vLLM. */
export const H100_MEASUREMENT = {
  model: QWEN25_7B,
  gpuTotalBytes: 85_017_493_504,
  paramsTotal: 7_615_616_512,
  paramsEmbedAndHead: 1_089_994_752,
  weightsAllocatedBytes: 15_276_323_328,
  contextBytes: 648_871_936,
  kvBytesPerToken: 57_344,
  prefillPeakBytes: { 2048: 327_188_480, 8192: 1_171_390_464, 16384: 2_341_208_064 },
} as const;
