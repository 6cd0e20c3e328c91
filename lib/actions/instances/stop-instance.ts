"use server";

import { defineAction } from "../define-action";
import { desiredStateSpec } from "./desired-state";

/** POST /api/v1/instances/{instanceId}/stop runs this same action. */
export const stopInstance = defineAction(desiredStateSpec("stopped"));
