/** The catalog's public API: model architectures and GPU specs. Pure; no I/O at import time. */
export type * from "./types";
export { parseHfConfig, type ParseHfConfigResult } from "./hf-config";
export { hfConfigSchema, type HfConfig } from "./hf-config-schema";
export { countParams, type ParamCounts } from "./param-count";
export { findModel, listModels, searchModels } from "./model-search";
export { resolveModelArch, type ResolveModelResult } from "./resolve-model-arch";
export { findGpu, listGpus, suggestGpus } from "./gpu-lookup";
export { gpuWords, matchGpuWords } from "./gpu-name-match";
export { customGpu, mibToBytes, type CustomGpuOptions } from "./gpus";
