/** Engines: real CLI flags, command builders, the paste parser and flag validation. Pure. */
export { VLLM_FLAGS, VLLM_QUANTIZATION_METHODS, VLLM_KV_CACHE_DTYPES } from "./vllm/flags";
export { TGI_FLAGS, TGI_QUANTIZE_METHODS } from "./tgi/flags";
export { findFlag, closestFlag, FLAG_TABLES } from "./flag-table";
export { vllmArgs, vllmImage, vllmServeCommand } from "./vllm/command";
export { tgiArgs, tgiImage, tgiLauncherCommand } from "./tgi/command";
export { dockerRunLine, dockerRunWords, engineArgs, engineImage } from "./docker-run";
export { shellQuote, shellJoin } from "./shell-quote";
export { vllmRopeArgs, tgiRopeArgs, ropeScalingJson } from "./rope";
export { parseCommandText, type ParseResult, type ParseOptions } from "./parse/index";
export { tokenizeCommands, tokenizeWords } from "./parse/tokenize";
export { parseSize, formatDockerSize } from "./parse/sizes";
export { validateFlags, type FlagContext, type FlagValidation } from "./validate-flags";
export type { FlagSpec, RawFlag, CommandSource } from "./types";
export { splitEngineArgs } from "./parse/engine-args";
export { flagsToDraft, flagSetsField } from "./parse/to-instance";
export { completePatch, type InstancePatch } from "./patch";
export { vllmEnv, vllmMemoryArgs } from "./vllm/memory-args";
export { engineEnvSettings } from "./parse/memory-flags";
