import { z } from "zod";

/** A host's labels as stored (a JSON object of strings); anything else reads as no labels. */
export const hostLabelsSchema = z.record(z.string(), z.string()).catch({});

export const parseHostLabels = (stored: string): Record<string, string> => hostLabelsSchema.parse(JSON.parse(stored));
