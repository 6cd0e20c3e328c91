import { z } from "zod";

/** Inputs of the instance actions; the API's OpenAPI document describes its path parameters with them. */

export const applyRevisionInput = z.object({
  revisionId: z
    .string()
    .min(1, "give the id of a layout revision (GET /api/v1/layouts/{id}/revisions lists them)")
    .max(64),
});

export const instanceIdInput = z.object({
  instanceId: z.string().min(1, "give an instance id (GET /api/v1/instances lists them)").max(64),
});
