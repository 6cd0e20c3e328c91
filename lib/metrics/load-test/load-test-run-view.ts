import { z } from "zod";
import type { LoadTestParams } from "./load-test-params";
import type { LoadTestProgress, LoadTestResult } from "./load-test-result";

/** The instance a run was sent to, as it was then (the instance may change or go later). */
export const loadTestTargetSchema = z.object({
  layoutName: z.string(),
  instanceKey: z.string(),
  engine: z.enum(["vllm", "tgi"]),
  model: z.string(),
  tp: z.number().int(),
  gpuIndices: z.array(z.number().int()),
  hostName: z.string().nullable(),
  endpoint: z.string(),
});
export type LoadTestTarget = z.infer<typeof loadTestTargetSchema>;

/** A run as the page and the API show it. */
export interface LoadTestRunView {
  id: string;
  instanceId: string;
  revisionId: string;
  replica: number;
  label: string;
  target: LoadTestTarget | null;
  params: LoadTestParams;
  status: "running" | "finished" | "failed" | "cancelled";
  results: LoadTestResult | null;
  error: string | null;
  startedByLabel: string;
  startedAt: string;
  finishedAt: string | null;
  /** While it runs (in this server process). */
  progress: LoadTestProgress | null;
}
