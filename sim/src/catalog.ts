/**
 * The simulator's only window into fleetdeck: pure catalog data (model architectures from
 * config.json, GPU names, memory and bandwidth). Nothing here estimates memory; the simulator's
 * own memory and timing models live in sim/ so predicted-versus-actual compares two models.
 */
export { findModel, findGpu, listGpus, parseHfConfig, suggestGpus } from "../../lib/catalog/index";
export type { GpuSpec, ModelArch, ModelEntry, QuantizationConfig } from "../../lib/catalog/index";
