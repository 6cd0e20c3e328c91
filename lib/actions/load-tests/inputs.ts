import { z } from "zod";
import { loadTestParamsSchema } from "../../metrics/load-test/load-test-params";

/** "Send test load": which instance (and replica), a label for the comparison, and the load's parameters. */
export const startLoadTestInput = loadTestParamsSchema.extend({
  instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
  replica: z.coerce.number().int("replica must be a whole number").min(0, "replica must be 0 or more").default(0),
  label: z.string().trim().max(40, "label must be at most 40 characters").default(""),
});

export const stopLoadTestInput = z.object({
  runId: z.string().min(1, "give a load test run id").max(64),
});
