import { z } from "zod";

/** Inputs of the instance actions; the API's OpenAPI document describes its path parameters with them. */

/** One layout revision by its id: what the Instances page plans before applying. */
export const revisionIdInput = z.object({
  revisionId: z
    .string()
    .min(1, "give the id of a layout revision (GET /api/v1/layouts/{id}/revisions lists them)")
    .max(64),
});

export const applyRevisionInput = revisionIdInput.extend({
  /**
   * The layout's deployment version the plan was reviewed against (GET /api/v1/layouts/{id}/deployment); when it
   * moved on, the apply is refused with who applied what. Unset: apply over whatever is applied now.
   */
  expectedVersion: z
    .number({ message: "expectedVersion is the layout's deployment version, a whole number (0 when never applied)" })
    .int()
    .min(0)
    .optional(),
});

export const instanceIdInput = z.object({
  instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
});

export const MAX_REPLICAS = 16;

export const scaleInstanceInput = instanceIdInput.extend({
  replicas: z
    .number({ message: `replicas is how many copies should run: a whole number from 1 to ${MAX_REPLICAS}` })
    .int(`replicas is how many copies should run: a whole number from 1 to ${MAX_REPLICAS}`)
    .min(1, "replicas must be at least 1: stop the instance to run none")
    .max(MAX_REPLICAS, `replicas can be at most ${MAX_REPLICAS}`),
});

export const layoutIdInput = z.object({
  layoutId: z.string().min(1, "give a layout id (GET /api/v1/layouts lists them)").max(64),
});
