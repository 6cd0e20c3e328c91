import { instanceSchema, type Instance, type InstanceInput } from "../../vocabulary/layout-schema";

/** An Instance with schema defaults, for tests and benches. */
export const makeInstance = (input: Partial<InstanceInput> & Pick<InstanceInput, "model">): Instance =>
  instanceSchema.parse({ id: "qwen", engine: "vllm", ...input });
