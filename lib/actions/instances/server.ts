"use server";

import { defineAction } from "../define-action";
import { applyRevisionSpec } from "./apply-revision";
import { desiredStateSpec } from "./desired-state";

/** Server actions for the Instances page; the same specs back POST /api/v1/… (lib/api/routes). */
export const applyRevision = defineAction(applyRevisionSpec);
export const startInstance = defineAction(desiredStateSpec("running"));
export const stopInstance = defineAction(desiredStateSpec("stopped"));
