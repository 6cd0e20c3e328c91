import { z } from "zod";
import type { Selector, UnavailableReason } from "./query-schema";
import type { TargetKind } from "./target-labels";

/**
 * Info metrics: a constant 1 whose labels carry the facts (vLLM's `cache_config_info`: block_size, num_gpu_blocks,
 * gpu_memory_utilization, …). Read by name like the named series; the labels are the answer.
 */
export const INFO_SERIES = {
  "vllm.cache_config": { metric: "vllm:cache_config_info", kind: "vllm" },
} as const satisfies Record<string, { metric: string; kind: TargetKind }>;

export type InfoSeriesId = keyof typeof INFO_SERIES;
export const infoSeriesIdSchema = z.enum(Object.keys(INFO_SERIES) as [InfoSeriesId, ...InfoSeriesId[]]);

export type InfoResult =
  | { status: "ok"; rows: { labels: Record<string, string>; atMs: number }[] }
  | { status: "unavailable"; reason: UnavailableReason; message: string; sinceMs: number };

export interface InfoQuery {
  info: InfoSeriesId;
  selector: Selector;
  atMs: number;
}
