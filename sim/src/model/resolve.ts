import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { findModel, parseHfConfig, type ModelArch } from "../catalog";

export type ResolvedModel = { arch: ModelArch; source: "catalog" | "config" } | { error: string };

/**
 * The architecture behind a model name, the way the engines find it: FLEETDECK_SIM_MODEL_CONFIG
 * (a config.json path) first, then a local directory holding config.json, then the catalog (in
 * place of the Hugging Face Hub, which the simulator never calls).
 */
export function resolveModel(model: string, configPath: string | undefined): ResolvedModel {
  const path = configPath ?? localConfig(model);
  if (path) return fromFile(path, model);
  const entry = findModel(model);
  if (entry) return { arch: entry, source: "catalog" };
  return {
    error:
      `${model} is not a catalog model and not a local directory with a config.json, and the simulator never downloads from the Hugging Face Hub: ` +
      `use a model from lib/catalog/models, pass a directory that holds config.json, or set FLEETDECK_SIM_MODEL_CONFIG=/path/to/config.json`,
  };
}

function localConfig(model: string): string | undefined {
  const path = join(model, "config.json");
  try {
    return statSync(model).isDirectory() && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function fromFile(path: string, model: string): ResolvedModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return { error: `cannot read the config.json at ${path}: ${(error as Error).message}` };
  }
  const parsed = parseHfConfig(json, model);
  return "error" in parsed ? { error: parsed.error } : { arch: parsed.arch, source: "config" };
}
