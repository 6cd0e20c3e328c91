"use server";

import { defineAction } from "../define-action";
import { desiredStateSpec } from "./desired-state";

/** POST /api/v1/instances/{instanceId}/start runs this same action. */
export const startInstance = defineAction(desiredStateSpec("running"));
