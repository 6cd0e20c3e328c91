import { budgetInstance } from "../../budget/instance";
import { DEFAULT_PLANNING_GPU, resolveModel } from "../../layout/resolvers";
import type { Instance } from "../../vocabulary/layout-schema";
import type { HostNeedsLike } from "../spec/container-spec";

const cache = new Map<string, HostNeedsLike | null>();
const MAX_CACHED = 2048;

/** The budget's host needs (RAM, CPUs, shared memory) of an instance, or undefined for a model the catalog lacks. */
export function hostNeedsOf(instance: Instance, cacheKey: string): HostNeedsLike | undefined {
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit ?? undefined;
  const model = resolveModel(instance.model, instance.modelConfig);
  const needs = model ? budgetInstance(instance, model, DEFAULT_PLANNING_GPU).host : null;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(cacheKey, needs);
  return needs ?? undefined;
}
