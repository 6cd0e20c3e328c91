import { type Instance, layoutSchema } from "../../vocabulary/layout-schema";
import type { RunningInstance } from "../rollout";

/** A Qwen2.5-7B vLLM instance placed on GPU 0 of host h1, with `fields` over it. */
export const placedInstance = (id: string, fields: Partial<Instance> = {}): Instance =>
  layoutSchema.shape.instances.element.parse({
    id,
    engine: "vllm",
    model: "Qwen/Qwen2.5-7B-Instruct",
    placement: { hostId: "h1", gpuIndices: [0] },
    ...fields,
  });

/** The instance as the reconciler reports it running. */
export const runningAs = (instance: Instance): RunningInstance => ({ instanceId: instance.id, ...instance });
